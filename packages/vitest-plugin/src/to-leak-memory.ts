import { CheckNotAwaitedError, type LeakOptions } from '@leakproof/core'
import { type MatcherContextLike, runLeakMatcher } from '@leakproof/core/adapter'
import { onTestFinished, type RunnerTestCase as Test } from 'vitest'
import { recordLeak } from './record-leak.js'

/**
 * `expect(fn).not.toLeakMemory(options?)`. Synchronous for a synchronous `fn`; for an async `fn` it
 * returns a promise, and a test that finishes without awaiting it fails instead of passing silently.
 */
export function toLeakMemory(this: MatcherContextLike, received: unknown, options?: LeakOptions) {
  const task = (this as { task?: Test }).task
  const outcome = runLeakMatcher(this, received, options)
  if (!(outcome instanceof Promise)) {
    recordLeak(task, outcome.result, outcome.check)
    return outcome
  }
  let settled = false
  if (task) {
    onTestFinished(() => {
      if (!settled) throw new CheckNotAwaitedError()
    })
  }
  return outcome.then(
    (value) => {
      settled = true
      recordLeak(task, value.result, value.check)
      return value
    },
    (error: unknown) => {
      settled = true
      throw error
    },
  )
}
