import type { LeakOptions } from '@leakproof/core'
import { type MatcherContextLike, runLeakMatcher } from '@leakproof/core/adapter'
import { trackPendingCheck } from './pending-checks.js'
import { type JestTestNames, recordLeak } from './record-leak.js'

/**
 * `expect(fn).not.toLeakMemory(options?)`. Synchronous for a synchronous `fn`; for an async `fn` it
 * returns a promise, and a test that does not await it fails in the setup file's `afterEach`.
 */
export function toLeakMemory(
  this: MatcherContextLike & JestTestNames,
  received: unknown,
  options?: LeakOptions,
) {
  // Captured now: Jest's state moves on to the next test while an async check runs.
  const test = { testPath: this.testPath, currentTestName: this.currentTestName }
  const callSite = new Error('toLeakMemory')
  const outcome = runLeakMatcher(this, received, options)
  if (!(outcome instanceof Promise)) {
    recordLeak(test, outcome.result, outcome.check, callSite)
    return outcome
  }
  return trackPendingCheck(
    outcome.then((value) => {
      recordLeak(test, value.result, value.check, callSite)
      return value
    }),
  )
}
