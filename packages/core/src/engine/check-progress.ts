import { now } from '../runtime/real-clock.js'

/** How far a running check has got: what a reporter shows while it runs. */
export interface CheckProgress {
  /** Calls of the function made so far. */
  calls: number
  /** Time since the check started, in ms (real clock). */
  elapsedMs: number
  /** The check's whole budget, in ms: its verdict and any diagnosis end by then. */
  budgetMs: number
  /** Measuring towards a verdict, or diagnosing a leak found (sites, retainers). */
  phase: 'measuring' | 'diagnosing'
}

/** Least time between two reports: a terminal line needs no more, and a report costs a write. */
export const progressIntervalMs = 250

/**
 * Passes a check's progress to the hook its owner gave (`CheckControl.onProgress`) at most every
 * `progressIntervalMs`, and never after `finish()`. A hook that throws is dropped: showing progress
 * must never change a check's verdict.
 */
export class ProgressThrottle {
  #hook: ((progress: CheckProgress) => void) | undefined
  #lastAt: number

  constructor(
    hook: ((progress: CheckProgress) => void) | undefined,
    readonly startedAt: number,
    readonly budgetMs: number,
  ) {
    this.#hook = hook
    // The first report waits a whole interval: most checks are over before anyone could read it.
    this.#lastAt = startedAt
  }

  /** Reports `calls` when the last report is old enough; `force` reports a new phase at once. */
  report(calls: number, phase: CheckProgress['phase'] = 'measuring', force = false): void {
    if (!this.#hook) return
    const at = now()
    if (!force && at - this.#lastAt < progressIntervalMs) return
    this.#lastAt = at
    try {
      this.#hook({ calls, elapsedMs: at - this.startedAt, budgetMs: this.budgetMs, phase })
    } catch {
      this.#hook = undefined
    }
  }

  /** The verdict is in (or the check failed): no report after this. */
  finish(): void {
    this.#hook = undefined
  }
}
