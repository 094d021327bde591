import type { ResolvedLeakOptions } from '../options/resolve-options.js'
import type { LeakResult } from '../result/leak-result.js'
import { getGarbageCollector } from '../runtime/force-gc.js'
import { now } from '../runtime/real-clock.js'
import { type CallReport, CallWindow } from './call-window.js'
import type { Deadline } from './deadline.js'
import { measureLeak } from './measure-leak.js'

/**
 * The bookkeeping both drivers share around the measurement: which window of calls comes next,
 * how many calls were made, and what the last window cost. The drivers only make the calls (one
 * awaits them).
 */
export class MeasurementRun {
  /** Calls made so far, the first one included. */
  calls = 1
  readonly #collect = getGarbageCollector()
  readonly #measurement: ReturnType<typeof measureLeak>
  #step: IteratorResult<number, LeakResult>
  #callMs: number

  constructor(options: ResolvedLeakOptions, async: boolean, deadline: Deadline) {
    this.#callMs = now() - deadline.startedAt
    this.#measurement = measureLeak({
      options,
      async,
      startedAt: deadline.startedAt,
      firstCallMs: this.#callMs,
      verdictAt: deadline.verdictAt,
    })
    this.#step = this.#measurement.next()
  }

  /** The next window of calls to make, or undefined once the verdict is in. */
  nextWindow(): CallWindow | undefined {
    return this.#step.done ? undefined : new CallWindow(this.#collect, this.#step.value, this.#callMs)
  }

  /** Reports a window's calls (`window.report(made)`); the measurement samples and judges next. */
  finishWindow(report: CallReport): void {
    this.calls += report.made
    if (report.made > 0) this.#callMs = report.elapsedMs / report.made
    this.#step = this.#measurement.next(report)
  }

  /** Time one call takes, as the latest window measured it. */
  get callMs(): number {
    return this.#callMs
  }

  get result(): LeakResult {
    if (!this.#step.done) throw new Error('leakproof: the measurement has not finished')
    return this.#step.value
  }
}
