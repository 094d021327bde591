import { LeakproofError } from '@leakproof/core'

/**
 * A check used the global `expect` inside a concurrent test: Vitest then cannot say which test it
 * belongs to, so its verdict would be filed under another test, or lost.
 */
export class GlobalExpectInConcurrentTestError extends LeakproofError {
  override name = 'GlobalExpectInConcurrentTestError'
  constructor() {
    super(
      "leakproof: in a concurrent test, use the test's own expect, from its context: " +
        "test.concurrent('name', async ({ expect }) => { await expect(fn).not.toLeakMemory() }). " +
        'The global expect cannot tell which of the tests running at once made the check.',
    )
  }
}
