import type { LeakCheckOutcome } from '../result/leak-record.js'
import type { LeakResult } from '../result/leak-result.js'
import { now } from '../runtime/real-clock.js'

/** How the test that owned a check ended, as the runner adapter saw it. */
export interface TestEnd {
  /** The test's timeout in ms, when the test ended by timing out. */
  timedOutAfterMs?: number
}

/**
 * What a runner adapter knows about the test that owns a check; core does the rest (time budget,
 * cancellation, the test's message, one check at a time).
 */
export interface TestOwner {
  /** The runner's object for this test attempt: checks of one test never wait for each other. */
  readonly key: object
  /** The test's name as the runner reports it, for the progress line of a long check. */
  readonly name?: string
  /** Time left before the test's own timeout, in ms, when the runner tells. */
  timeLeftMs(): number | undefined
  /** Aborted by the runner when the test times out (or is otherwise abandoned). */
  readonly signal?: AbortSignal
  /**
   * Runs `handler` once when the test ends, whatever the reason, before the next test starts; an
   * error it throws fails the test.
   */
  onEnd(handler: (end: TestEnd) => Promise<void>): void
  /** Files a check's verdict, and what the test expected of it, under this test. */
  record(result: LeakResult, check: LeakCheckOutcome): void
}

/**
 * Time left before a test's timeout, on the real clock; undefined when the test has none (0 or
 * Infinity both mean "no timeout" to the runners).
 */
export function timeLeftMs(timeoutMs: number | undefined, startedAt: number | undefined): number | undefined {
  if (!timeoutMs || !Number.isFinite(timeoutMs) || startedAt === undefined) return undefined
  return timeoutMs - (now() - startedAt)
}
