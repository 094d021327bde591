import type { LeakResult } from '@leakproof/core'
import { epochNow, type LeakCheckOutcome, now, type TestOwner, timeLeftMs } from '@leakproof/core/adapter'
import { type CircusTest, circusState, circusTestName, circusTimeout } from './circus-state.js'
import { type JestTestNames, recordLeak } from './record-leak.js'
import { onTestEnd, testFnStartedAt, testSignal } from './test-events.js'

/** What Jest's matcher context (or `expect.getState()`) tells about the running test. */
export interface JestTestContext {
  testPath?: string
  currentTestName?: string
  /** Jest 30: the circus entry of this very test, right under test.concurrent too. */
  currentTestIdentity?: () => CircusTest | undefined
  /** Jest 29: the name of a concurrent test (`currentTestName` then names another). */
  currentConcurrentTestName?: () => string | undefined
}

/** The test a check was made in: its circus entry when Jest tells it, and its names for the record. */
export function findJestTest(context: JestTestContext): { test?: CircusTest; names: JestTestNames } {
  const testPath = context.testPath
  const identity = context.currentTestIdentity?.()
  if (identity) return { test: identity, names: { testPath, currentTestName: circusTestName(identity) } }
  // Jest 29 under test.concurrent: the name is right, but no entry (nor time) belongs to it.
  const concurrentName = context.currentConcurrentTestName?.()
  if (concurrentName) return { names: { testPath, currentTestName: concurrentName } }
  const running = circusState()?.currentlyRunningTest ?? undefined
  return { test: running, names: { testPath, currentTestName: context.currentTestName } }
}

/** The owner of a check made in `test`, as jest-circus's state and events tell it. */
export function jestTestOwner(test: CircusTest, names: JestTestNames, callSite: Error): TestOwner {
  return {
    key: test,
    name: names.currentTestName,
    signal: testSignal(test),
    timeLeftMs: () => timeLeftMs(circusTimeout(test), testStartedAt(test)),
    onEnd: (handler) => onTestEnd(test, handler),
    record: (result: LeakResult, check: LeakCheckOutcome) => recordLeak(names, result, check, callSite),
  }
}

/**
 * When the test's attempt started on the real clock: its function's start when events tell it,
 * else circus's `startedAt` (real `Date.now()`, before the hooks: a little early, so safe).
 */
export function testStartedAt(test: CircusTest): number | undefined {
  const fnStart = testFnStartedAt(test)
  if (fnStart !== undefined) return fnStart
  return test.startedAt ? now() - (epochNow() - test.startedAt) : undefined
}
