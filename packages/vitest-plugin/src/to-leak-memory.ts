import type { LeakOptions } from '@leakproof/core'
import { type MatcherContextLike, runLeakMatcher, runOwnedLeakMatcher } from '@leakproof/core/adapter'
import type { RunnerTestCase as Test } from 'vitest'
import { flaggedTest } from './flagged-test.js'
import { GlobalExpectInConcurrentTestError } from './global-expect-error.js'
import { vitestTestOwner } from './vitest-test-owner.js'

/**
 * `expect(fn).not.toLeakMemory(options?)`. Synchronous for a synchronous `fn`; for an async `fn` it
 * returns a promise. The check belongs to its test: the test's time left is its budget, it stops
 * when the test ends, and a test that finishes without awaiting it fails instead of passing silently.
 */
export function toLeakMemory(this: MatcherContextLike, received: unknown, options?: LeakOptions) {
  // Vitest 3.2 has no `this.task`; the assertion's flag names the test there. Outside a test (or
  // with `expect.extend` done by hand, without the setup file) the check runs unowned.
  const task = (this as { task?: Test }).task ?? flaggedTest()
  if (!task?.context) return runLeakMatcher(this, received, options)
  // The global `expect` names whichever concurrent test started last. Vitest marks a context whose
  // own `expect` was taken (`_local`), as its snapshot matchers require in concurrent tests.
  if (task.concurrent && !(task.context as { _local?: boolean })._local) {
    throw new GlobalExpectInConcurrentTestError()
  }
  return runOwnedLeakMatcher(this, received, options, vitestTestOwner(task))
}
