import { defaultLeakOptions } from '../options/resolve-options.js'
import type { CheckProgress } from './check-progress.js'

/**
 * What the test that owns a check tells it. The runner adapters fill it in; a plain `detectLeak`
 * call has none of it.
 */
export interface CheckControl {
  /** Aborted when the test ends for any reason (timeout, failure, the runner moving on). */
  signal?: AbortSignal
  /** Time left before the test's own timeout, in ms: the default budget of the check. */
  timeLeftMs?: number
  /**
   * Told how far the check has got, at most every `progressIntervalMs` and never after its verdict,
   * so that a reporter can show a long check while it runs. Must be cheap; what it throws is ignored.
   */
  onProgress?: (progress: CheckProgress) => void
}

/** Default budget of a check that no test timeout bounds: the one default of `timeout`. */
const defaultBudgetMs = defaultLeakOptions.timeout

/**
 * The check's total budget in ms: the `timeout` option when given, else the time left in the test
 * minus a margin for the runner's own work (the reporter, hooks), else `defaultBudgetMs`.
 */
export function checkBudget(timeout: number | undefined, control: CheckControl | undefined): number {
  if (timeout !== undefined) return timeout
  const left = control?.timeLeftMs
  if (left === undefined || !Number.isFinite(left)) return defaultBudgetMs
  return Math.max(1, Math.min(defaultBudgetMs * 3, left - Math.max(150, 0.1 * left)))
}
