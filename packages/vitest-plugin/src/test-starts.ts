import { now } from '@leakproof/core/adapter'
import type { RunnerTestCase as Test, TestContext } from 'vitest'

/**
 * When each attempt of a test started, on the real clock: the setup file's `beforeEach` records it.
 * Vitest's own `result.startTime` is taken before the hooks and is not reset on retries.
 */
const starts = new WeakMap<Test, number>()

/** The setup file's `beforeEach`: runs for every attempt of every test, concurrent ones too. */
export function markTestStart(context: TestContext): void {
  starts.set(context.task, now())
}

export function testStart(task: Test): number | undefined {
  return starts.get(task)
}
