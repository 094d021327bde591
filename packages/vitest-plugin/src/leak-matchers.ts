import type { LeakOptions } from '@leakproof/core'

/** The matchers leakproof adds to `expect`. */
export interface LeakMatchers<R = void | Promise<void>> {
  /**
   * Passes when calling the received function repeatedly retains ever more memory; use it as
   * `expect(fn).not.toLeakMemory()`. Await it when `fn` is async.
   */
  toLeakMemory(options?: LeakOptions): R
}

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: every declaration must repeat Vitest's own `T = any`
  interface Matchers<T = any> extends LeakMatchers {}
}
