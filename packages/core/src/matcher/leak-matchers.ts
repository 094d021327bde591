import type { LeakMatcherOptions } from './heap-snapshot-option.js'

/** The matchers leakproof adds to `expect`, as both runners' type declarations extend them. */
export interface LeakMatchers<R = void | Promise<void>> {
  /**
   * Passes when calling the received function repeatedly retains ever more memory; use it as
   * `expect(fn).not.toLeakMemory()`. Await it when `fn` is async.
   */
  toLeakMemory(options?: LeakMatcherOptions): R
}
