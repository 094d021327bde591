import type { LeakOptions } from '@leakproof/core'

/** The matchers leakproof adds to `expect`. */
export interface LeakMatchers<R = void | Promise<void>> {
  /**
   * Passes when calling the received function repeatedly retains ever more memory; use it as
   * `expect(fn).not.toLeakMemory()`. Await it when `fn` is async.
   */
  toLeakMemory(options?: LeakOptions): R
}

// `@jest/globals` (the `expect` package) and `@types/jest` (the global `jest` namespace).
import type {} from 'expect'

// Every declaration of an interface must repeat its type parameters, `T` included.
declare module 'expect' {
  interface Matchers<R extends void | Promise<void>, T = unknown> extends LeakMatchers<R> {}
}

declare global {
  namespace jest {
    // biome-ignore lint/complexity/noBannedTypes: `{}` is the default @types/jest declares
    interface Matchers<R, T = {}> extends LeakMatchers<R> {}
  }
}
