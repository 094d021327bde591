import type { LeakOptions } from '@leakproof/core'
import { type MatcherContextLike, runLeakMatcher, runOwnedLeakMatcher } from '@leakproof/core/adapter'
import { findJestTest, type JestTestContext, jestTestOwner } from './jest-test-owner.js'
import { recordLeak } from './record-leak.js'

/**
 * `expect(fn).not.toLeakMemory(options?)`. Synchronous for a synchronous `fn`; for an async `fn` it
 * returns a promise. The check belongs to its test: the test's time left is its budget, it stops
 * when the test ends, and a test that finishes without awaiting it fails instead of passing silently.
 */
export function toLeakMemory(
  this: MatcherContextLike & JestTestContext,
  received: unknown,
  options?: LeakOptions,
) {
  // Found now: Jest's state moves on to the next test while an async check runs.
  const { test, names } = findJestTest(this)
  const callSite = new Error('toLeakMemory')
  if (test) return runOwnedLeakMatcher(this, received, options, jestTestOwner(test, names, callSite))
  const outcome = runLeakMatcher(this, received, options)
  if (!(outcome instanceof Promise)) {
    recordLeak(names, outcome.result, outcome.check, callSite)
    return outcome
  }
  return outcome.then((value) => {
    recordLeak(names, value.result, value.check, callSite)
    return value
  })
}
