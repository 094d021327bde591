import type { ResolvedLeakOptions } from '../options/resolve-options.js'
import type { LeakResult } from '../result/leak-result.js'
import { type GarbageCollector, getGarbageCollector } from '../runtime/force-gc.js'
import { now } from '../runtime/real-clock.js'
import { type CallReport, CallWindow } from './call-window.js'
import type { Deadline } from './deadline.js'
import { measureLeak } from './measure-leak.js'
import { RetainedBound } from './retained-bound.js'

/**
 * The bookkeeping both drivers share around the measurement: which window of calls comes next,
 * how many calls were made, and what the last window cost. The drivers only make the calls (one
 * awaits them).
 */
export class MeasurementRun {
  /** Calls made so far, the first one included. */
  calls = 1
  readonly #collect: GarbageCollector
  readonly #measurement: ReturnType<typeof measureLeak>
  #step: IteratorResult<number, LeakResult>
  #callMs: number

  /** The cap on what the function may retain (`maxRetainedBytes`). */
  readonly bound: RetainedBound
  readonly #deadline: Deadline

  /** `collect` replaces the full GC only for the meter's dry run (see `primeMeter` in detect-leak.ts). */
  constructor(
    options: ResolvedLeakOptions,
    async: boolean,
    deadline: Deadline,
    prime?: () => void,
    collect = getGarbageCollector(),
  ) {
    this.#collect = collect
    this.#callMs = now() - deadline.startedAt
    this.#deadline = deadline
    this.bound = new RetainedBound(options.maxRetainedBytes)
    this.#measurement = measureLeak({
      options,
      async,
      startedAt: deadline.startedAt,
      firstCallMs: this.#callMs,
      prime,
      collect,
      // Read live: the retained cap can end the measurement's time early.
      get verdictAt() {
        return deadline.verdictAt
      },
    })
    this.#step = this.#measurement.next()
    // The measurement has settled the heap before its first window: the cap counts from here.
    this.bound.start()
  }

  /** The next window of calls to make, or undefined once the verdict is in. */
  nextWindow(): CallWindow | undefined {
    if (this.#step.done) return undefined
    const count = this.#step.value
    // Calls that grow costlier as they go (an O(n) listener list: a window 2.3x as long costs ~7x)
    // could spend the budget in one window, which tells little: a window stops once it has taken
    // twice its plan and a third of the verdict's time left, and the rest buys more windows.
    const maxMs = Math.max(2 * count * this.#callMs, (this.#deadline.verdictAt - now()) / 3)
    return new CallWindow(this.#collect, count, this.#callMs, maxMs)
  }

  /** Reports a window's calls (`window.report(made)`); the measurement samples and judges next. */
  finishWindow(report: CallReport): void {
    this.calls += report.made
    if (report.made > 0) this.#callMs = report.elapsedMs / report.made
    this.#step = this.#measurement.next(report)
    // Its full GC shows what the function really retains: past the cap, no more time for calls.
    if (!this.#step.done && this.#step.value > 0 && this.bound.exceeded(true)) this.#deadline.endVerdictNow()
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
