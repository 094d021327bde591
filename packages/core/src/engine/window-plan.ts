import type { ResolvedLeakOptions } from '../options/resolve-options.js'
import { now } from '../runtime/real-clock.js'
import { type CallCost, cheapCallMs } from './call-cost.js'
import { maxWindowGrowthBytes } from './call-window.js'
import type { Judgement, JudgeSettings } from './judgement.js'
import type { SampleSeries } from './sample-series.js'
import { growthBetween } from './series-growth.js'

/** Calls per window grow by these factors in turn while calls are cheap: irregular, so a sawtooth cannot alias. */
const windowGrowth = [2.3, 2.9, 2.1, 2.6, 2.4]
/** Calls in the first window at most: 10 KB retained per call makes 10 MB, within the retained cap. */
const firstWindowMaxCalls = 1024
/** Fewest calls in a window of a costly function. */
const minWindowCalls = 8
/** Longest window of a costly function, for GCs slowed down by a busy machine. */
const maxCostlyWindowMs = 400
/** Shortest window of a costly function, in milliseconds of calls (the meter's dry run: see below). */
const minCostlyWindowMs = 5
/**
 * Windows a staircase forming keeps in its calls before its windows double (to a 32nd of the calls
 * at most): merged windows place a step only to their length, so the steps of an array (x1.5 apart)
 * must still read above x1.42, and two caches filling x1.36 apart below it (see find-staircase).
 * Windows of a fifth of the calls placed an array's steps x1.39 apart, and its verdict came later.
 */
const stepWindows = 64

/** What the plan reads of the check besides the measured costs. */
export interface PlanContext {
  options: ResolvedLeakOptions
  async: boolean
  /** Whether the meter was primed (a real check, not its dry run). */
  primed: boolean
  /** No window may start calls that would run past this time (real clock). */
  readonly verdictAt: number
}

/**
 * The plan of windows, from the measured costs. Cheap calls: windows grow geometrically, so a few
 * long windows (and few GCs) cover many calls. Costly calls: windows of equal length, each costing
 * about two full GCs, so the budget buys many windows (GCs are cheap evidence next to such calls).
 */
export class WindowPlan {
  #cheap: boolean
  /** The round whose window is the first of geometric growth. */
  #cheapFrom: number
  #fixedLength: number | undefined
  #costlyLength: number | undefined
  /** Windows are this many times as long as planned, once the series was thinned. */
  #stretch = 1

  constructor(
    private readonly context: PlanContext,
    private readonly cost: CallCost,
  ) {
    this.#cheap = cost.callMs <= cheapCallMs
    this.#cheapFrom = this.#cheap ? 0 : -1
  }

  /**
   * The growth followed the windows' length (garbage that only a full GC frees: a weak table, pending
   * timers), not the calls: windows of the latest one's length only, from now on.
   */
  fixLength(series: SampleSeries): void {
    this.#fixedLength ??= series.iteration(series.length - 1) - series.iteration(series.length - 2)
  }

  /**
   * Follows the calls' cost after a round's window; true when they turned cheap, and the optimising
   * compilers should run again (long windows need no pause, and unoptimised calls run 5-25x slower).
   */
  followCost(round: number): boolean {
    // Once calls turn costly (a listener list that is O(n) to append to), windows stop growing.
    if (this.#cheap && this.cost.callMs > 4 * cheapCallMs) this.#cheap = false
    else if (!this.#cheap && round > 0 && this.cost.latestMs < cheapCallMs / 2) {
      // Calls the warm-up took for costly (nine calls in the interpreter, or a busy machine pausing
      // them) turn cheap once a window of real calls shows it: equal windows would need many GCs.
      this.#cheap = true
      this.#cheapFrom = round
      return true
    }
    return false
  }

  /**
   * A full series (a 0.1 ms function's windows of 65 calls) goes on with windows twice as long; so
   * does a costly check whose evidence waits only for calls, which longer windows buy with fewer
   * GCs: exact steps waiting for enough calls (a 1 ms function leaking 1 KB a call spent 40% of its
   * 2.3 s in 221 GCs), as long as the windows they need (8 more, twice as long) end before those
   * calls do; and a staircase forming, waiting for a collection's next step (a 1 ms function leaking
   * 16 B a call into an array spent half of its 8 s in ~450 GCs), while its windows stay short
   * enough to place the steps (`stepWindows`).
   */
  stretchIfDue(series: SampleSeries, judgement: Judgement, calls: number, settings: JudgeSettings): void {
    const awaiting = judgement.verdict === 'undecided' ? judgement.awaiting : undefined
    const length = this.#costlyLength
    const stretchable =
      !this.#cheap &&
      !this.#fixedLength &&
      length !== undefined &&
      (awaiting === 'calls'
        ? calls + 16 * length <= settings.minLeakCalls
        : awaiting === 'step' && stepWindows * length <= calls)
    if (!series.full && !stretchable) return
    series.thin()
    this.#stretch *= 2
    if (this.#costlyLength) this.#costlyLength *= 2
    if (this.#fixedLength) this.#fixedLength *= 2
  }

  /** Calls in the next window, within the verdict's time and the memory a window may add. */
  next(round: number, calls: number, series: SampleSeries, settings: JudgeSettings): number {
    const { options, verdictAt } = this.context
    const perCall = Math.max(this.cost.callMs, 1e-6)
    let desired: number
    if (this.#fixedLength) desired = this.#fixedLength
    else if (this.#cheap) {
      desired = Math.max(
        Math.ceil(calls * windowGrowth[round % windowGrowth.length]!),
        this.#leastCheapWindow(round - this.#cheapFrom, perCall, settings),
      )
    } else desired = this.#costlyWindow(perCall)
    // Leave time for the GC after the window and its second look.
    const affordable = Math.floor((verdictAt - now() - 3 * this.cost.gcMs) / perCall)
    const last = series.length - 1
    const latestRate =
      last > 0
        ? growthBetween(series, last - 1, last) / (series.iteration(last) - series.iteration(last - 1))
        : 0
    // A window may add only a slice of what the check may retain, so that windows of equal length
    // still fit to confirm a leak before the cap. Before any window, what a call retains is unknown:
    // the first holds `firstWindowMaxCalls` at most, costly plans too (a 10 KB/call leak timed at
    // 0.025 ms a call on a busy machine got a first window of 3,563 calls, 36 MB, past the cap with
    // too few windows to judge, and was inconclusive).
    const windowBytes = Math.min(maxWindowGrowthBytes, options.maxRetainedBytes / 8)
    const memoryCap =
      latestRate > 0 ? Math.floor(windowBytes / latestRate) : last === 0 ? firstWindowMaxCalls : desired
    return Math.max(0, Math.min(desired, affordable, memoryCap, options.iterations - calls))
  }

  /**
   * Windows of one length, so garbage that piles up between full GCs (weak tables, timer lists)
   * looks the same in each; a new length only when the calls' cost changed a lot. About two GCs'
   * worth of calls: the split that buys the most evidence per budget (a window of n calls and its GC
   * cost n·c + g; the slope's error falls with n and the windows' count). A busy machine slows GCs
   * more than calls: its windows get longer, up to a high cap. The meter's dry run (not primed) needs
   * many windows, not long ones: its scavenges cost ~0.3 ms.
   */
  #costlyWindow(perCall: number): number {
    const shortest = this.context.primed ? minCostlyWindowMs : 0
    const windowMs = this.#stretch * Math.min(maxCostlyWindowMs, Math.max(shortest, 2 * this.cost.gcMs))
    const length = this.#costlyLength
    const drifted = length !== undefined && Math.abs(Math.log((length * perCall) / windowMs)) > Math.log(4)
    if (length === undefined || drifted)
      this.#costlyLength = Math.max(minWindowCalls, Math.round(windowMs / perCall))
    return this.#costlyLength!
  }

  /**
   * The shortest of the first cheap windows. The first: about 20 ms of calls, at most
   * `firstWindowMaxCalls`; it shows what a call retains before longer windows are planned (memory
   * per window is capped), so a big leak does not reach `maxRetainedBytes` in it. The second, for
   * a sync function: as many calls as a clean verdict needs, so that a flat window is one (every
   * window costs a full GC, which takes longer than thousands of such calls).
   */
  #leastCheapWindow(cheapRound: number, perCall: number, settings: JudgeSettings): number {
    if (cheapRound === 0) return Math.min(Math.floor(20 / perCall), firstWindowMaxCalls)
    if (cheapRound === 1 && !this.context.async)
      return Math.ceil((2.5 * settings.granuleBytes) / settings.acceptResolution)
    return 0
  }
}
