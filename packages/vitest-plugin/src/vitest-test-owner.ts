import type { LeakResult } from '@leakproof/core'
import { type LeakCheckOutcome, type TestEnd, type TestOwner, timeLeftMs } from '@leakproof/core/adapter'
import type { RunnerTestCase as Test } from 'vitest'
import { fullName, recordLeak } from './record-leak.js'
import { testStart } from './test-starts.js'

/** The test that owns a check, as Vitest tells it through the task and its context. */
export function vitestTestOwner(task: Test): TestOwner {
  return {
    key: task,
    name: fullName(task),
    signal: task.context.signal,
    timeLeftMs: () => timeLeftMs(task.timeout, testStart(task)),
    // The context's own hook: the imported `onTestFinished` binds to whichever test runs now,
    // another one under test.concurrent.
    onEnd: (handler) => task.context.onTestFinished(() => handler(howItEnded(task))),
    record: (result: LeakResult, check: LeakCheckOutcome) => recordLeak(task, result, check),
  }
}

function howItEnded(task: Test): TestEnd {
  const reason: unknown = task.context.signal.reason
  const errors: unknown[] = [reason, ...(task.result?.errors ?? [])]
  const timedOut = errors.some(
    (error) =>
      typeof (error as Error)?.message === 'string' && /^Test timed out in/.test((error as Error).message),
  )
  const left = timeLeftMs(task.timeout, testStart(task))
  return timedOut || (left !== undefined && left <= 0) ? { timedOutAfterMs: task.timeout } : {}
}
