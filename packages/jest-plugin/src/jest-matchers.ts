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

declare module 'expect' {
  // biome-ignore lint/correctness/noUnusedVariables: every declaration must repeat `T`
  interface Matchers<R extends void | Promise<void>, T = unknown> extends LeakMatchers<R> {}
}

declare global {
  namespace jest {
    // biome-ignore lint/correctness/noUnusedVariables: every declaration must repeat `T`
    // biome-ignore lint/complexity/noBannedTypes: `{}` is the default @types/jest declares
    interface Matchers<R, T = {}> extends LeakMatchers<R> {}
  }
}
