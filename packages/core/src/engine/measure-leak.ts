import type { ResolvedLeakOptions } from '../options/resolve-options.js'
import type { LeakResult, LeakStatus } from '../result/leak-result.js'
import { clearKeptObjects } from '../runtime/clear-kept-objects.js'
import { type GarbageCollector, getGarbageCollector } from '../runtime/force-gc.js'
import { formatCount } from '../runtime/format-count.js'
import { resumeOptimizer } from '../runtime/optimizer-pause.js'
import { now } from '../runtime/real-clock.js'
import { sampleAfterGc } from '../runtime/sample-after-gc.js'
import { settleHeap } from '../runtime/settle-heap.js'
import { CallCost, cheapCallMs } from './call-cost.js'
import { type CallReport, maxWindowGrowthBytes } from './call-window.js'
import { chooseOptimizer } from './choose-optimizer.js'
import { findCleanSpan, judgeSeries } from './judge-series.js'
import { granule, judgeSettings } from './judge-settings.js'
import type { JudgeSettings } from './judgement.js'
import { primeJudgeBriefly } from './prime-judge.js'
import { SampleSeries } from './sample-series.js'
import { growthBetween, largestDrop, windowGrowths } from './series-growth.js'
import { findSteadyFloor } from './steady-floor.js'

/** What the driver tells the measurement about the check. */
export interface MeasureContext {
  options: ResolvedLeakOptions
  async: boolean
  startedAt: number
  firstCallMs: number
  /** No window may start calls that would run past this time (real clock). */
  verdictAt: number
  /**
   * Readies the meter's own code for a costly function (see `primeMeter` in detect-leak.ts). Absent in
   * that dry run itself, which also leaves the optimising compilers on: the meter's code is optimised
   * there, not in the windows of a check that keeps them on.
   */
  prime?: () => void
  /** A full GC, except in the meter's dry run. */
  collect: GarbageCollector
}

/** Calls per window grow by these factors in turn while calls are cheap: irregular, so a sawtooth cannot alias. */
const windowGrowth = [2.3, 2.9, 2.1, 2.6, 2.4]
/** Calls in the first window at most: 10 KB retained per call makes 10 MB, within the retained cap. */
const firstWindowMaxCalls = 1024
/** A warm-up cost below this many times `cheapCallMs` is timed again before the plan rests on it. */
const recheckBand = 10
/** Time the calls that time the cost again may take, and their fewest and most. */
const recheckMs = 4
const minRecheckCalls = 64
const maxRecheckCalls = 1024
/** Times a cost near the line is timed again at most, after the first only below `closeBand` times the line. */
const maxRechecks = 3
const closeBand = 3
/** Fewest calls in a window of a costly function. */
const minWindowCalls = 8
const maxSamples = 512
/** Longest window of a costly function, for GCs slowed down by a busy machine. */
const maxCostlyWindowMs = 400
/** Shortest window of a costly function, in milliseconds of calls (the meter's dry run: see below). */
const minCostlyWindowMs = 5
/** A confirmation window is shortened only below this many milliseconds of calls. */
const confirmWindowMs = 250
/** Second looks in a row that freed less than `fruitlessShare` of a window's growth, before they pause. */
const maxFruitlessLooks = 4
const fruitlessShare = 0.1
/** While paused, one window in this many still gets its second look. */
const recheckLooks = 8
/**
 * Windows a staircase forming keeps in its calls before its windows double (to a 32nd of the calls
 * at most): merged windows place a step only to their length, so the steps of an array (x1.5 apart)
 * must still read above x1.42, and two caches filling x1.36 apart below it (see find-staircase).
 * Windows of a fifth of the calls placed an array's steps x1.39 apart, and its verdict came later.
 */
const stepWindows = 64
/** Coarsest resolution a clean verdict may claim when the budget is spent. */
const finalResolution = 48

/**
 * The measurement, written once for sync and async drivers: it yields how many calls to make next
 * (0: only let the event loop settle), and the driver resumes it once they are made. After each
 * window it forces a full GC, samples memory and judges the series.
 *
 * The plan follows the measured costs. Cheap calls: windows grow geometrically, so a few long
 * windows (and few GCs) cover many calls. Costly calls: windows of equal length, each costing about
 * two full GCs, so the budget buys many windows (GCs are cheap evidence next to such calls).
 */
export function* measureLeak(context: MeasureContext): Generator<number, LeakResult, CallReport | undefined> {
  const { options, collect } = context
  const series = new SampleSeries(maxSamples)
  const cost = new CallCost(context.firstCallMs)
  primeJudgeBriefly()
  let calls = 1
  let collections = 0
  let fruitlessLooks = 0
  let skippedLooks = 0

  const sample = () => {
    const before = now()
    clearKeptObjects()
    const memory = sampleAfterGc(collect)
    cost.collected(now() - before)
    collections++
    series.push(calls, memory.heapBytes, memory.externalBytes, memory.codeBytes)
  }
  /** Makes `count` calls (fewer when the driver had to stop) and times them. */
  const timedCalls = function* (
    count: number,
    retime = false,
  ): Generator<number, number, CallReport | undefined> {
    const report = (yield count) ?? { made: count, elapsedMs: 0 }
    calls += report.made
    if (retime) cost.retimed(report.made, report.elapsedMs)
    else cost.called(report.made, report.elapsedMs)
    return report.elapsedMs / Math.max(1, report.made)
  }
  const makeCalls = function* (count: number): Generator<number, void, CallReport | undefined> {
    yield* timedCalls(count)
    sample()
    // Growth is believed only after a second look: engine caches (compiled regexps) age out on the
    // next full GC, and cleanup that runs after a GC (FinalizationRegistry callbacks, AbortSignal
    // bookkeeping) needs one more turn of the event loop (async functions) and one more GC.
    const last = series.length - 1
    const grown = last > 0 ? growthBetween(series, last - 1, last) : 0
    if (grown <= granule(context.async)) return
    // A sync function whose windows keep growing while the second looks free nothing (a leak) would
    // spend half its time in them: they pause, but for one window in `recheckLooks` (a 0.1 ms function
    // leaking 50 B/call was inconclusive, its budget spent on GCs). An async function's second look
    // also lets the event loop turn, which frees what its timers held.
    const paused = !context.async && fruitlessLooks >= maxFruitlessLooks
    if (paused && ++skippedLooks % recheckLooks !== 0) return
    yield 0
    series.dropLast()
    sample()
    const freed = grown - growthBetween(series, last - 1, last)
    fruitlessLooks = freed < fruitlessShare * grown ? fruitlessLooks + 1 : 0
  }
  const finish = (
    status: LeakStatus,
    bytesPerIteration: number,
    reason: string,
    resolution = Number.POSITIVE_INFINITY,
  ): LeakResult => {
    const base = {
      bytesPerIteration,
      iterations: calls,
      durationMs: now() - context.startedAt,
      verdictMs: now() - context.startedAt,
      collections,
      async: context.async,
      samples: series.toArray(),
      reason,
    }
    if (status === 'leaking') return { ...base, status, leaked: true }
    if (status === 'clean') return { ...base, status, leaked: false, resolution }
    return { ...base, status, leaked: false }
  }

  // Always with full GCs: a dry run that settled with scavenges would leave the next check unsettled.
  settleHeap(getGarbageCollector())
  const warmupCalls = options.warmup - calls
  if (warmupCalls > 0) yield* timedCalls(warmupCalls)
  // Nine calls timed around the meter's own first run (its code compiled lazily) can look costly for
  // a cheap function (measured: 10-22 us per call for a 0.05 us one; 40-60 us for a trivial async
  // one, whose driver loop awaits each call), which then got the dry run of the meter (130-500 ms)
  // and short windows: a cost near the line is timed again, over a few milliseconds of calls. Again
  // while it stays close to the line: a trivial async function that schedules a timer took 30, then
  // 14-24, then 4 us a call (the code it runs tiering up), and was planned as costly after the first.
  for (let recheck = 0; recheck < maxRechecks; recheck++) {
    const band = recheck === 0 ? recheckBand : closeBand
    if (cost.callMs <= cheapCallMs || cost.callMs >= band * cheapCallMs) break
    const wanted = Math.min(maxRecheckCalls, Math.max(minRecheckCalls, Math.ceil(recheckMs / cost.callMs)))
    const count = Math.min(wanted, Math.floor((options.iterations - calls) / 4))
    if (count < 1) break
    yield* timedCalls(count, true)
  }
  // Costly calls come in short windows, where the meter's own first-time allocations would show,
  // and so would the optimising compilers' metadata (see choose-optimizer). The dry run (no `prime`)
  // does neither: the meter's code is optimised there, with the compilers on.
  if (cost.callMs > cheapCallMs && context.prime) {
    context.prime()
    const maxCalls = Math.floor((options.iterations - calls) / 8)
    yield* chooseOptimizer(cost.callMs, maxCalls, timedCalls, collect)
  }
  sample()
  const baseline = 0
  let cheap = cost.callMs <= cheapCallMs
  // The round whose window is the first of geometric growth.
  let cheapFrom = cheap ? 0 : -1
  let fixedLength: number | undefined
  let costlyLength: number | undefined
  /** Windows are this many times as long as planned, once the series was thinned. */
  let stretch = 1

  for (let round = 0; ; round++) {
    const settings = judgeSettings(options, context, cost)
    const judgement = judgeSeries(series, baseline, settings)
    if (judgement.verdict === 'clean') {
      return finish('clean', judgement.bytesPerIteration, judgement.reason, judgement.resolution)
    }
    if (judgement.verdict === 'leaking') {
      const confirmation = yield* confirmLeak(judgement.from)
      if (confirmation === 'confirmed')
        return finish('leaking', judgement.bytesPerIteration, judgement.reason)
      if (confirmation === 'unaffordable') {
        const capped = calls >= options.iterations / 2
        return finish(
          'inconclusive',
          judgement.bytesPerIteration,
          `memory grew (~${Math.round(judgement.bytesPerIteration)} B/call) as the windows grew longer, and the ` +
            `${capped ? '`iterations` cap' : 'budget'} ran out before windows of equal ` +
            'length could tell a leak from garbage that only a full GC frees (a weak table, pending timers). ' +
            `This may be a leak: give the check more ${capped ? 'calls (`iterations`)' : 'time (`timeout`)'}`,
        )
      }
      // The growth followed the windows' length (garbage that only a full GC frees: a weak table,
      // pending timers), not the calls: measure on with windows of this length only.
      fixedLength ??= series.iteration(series.length - 1) - series.iteration(series.length - 2)
      continue
    }
    // Once calls turn costly (a listener list that is O(n) to append to), windows stop growing.
    if (cheap && cost.callMs > 4 * cheapCallMs) cheap = false
    else if (!cheap && round > 0 && cost.latestMs < cheapCallMs / 2) {
      // Calls the warm-up took for costly (nine calls in the interpreter, or a busy machine pausing
      // them) turn cheap once a window of real calls shows it: equal windows would need many GCs.
      cheap = true
      cheapFrom = round
      // Long windows need no pause of the optimising compilers, and unoptimised calls run 5-25x slower.
      resumeOptimizer()
    }
    // A full series (a 0.1 ms function's windows of 65 calls) goes on with windows twice as long; so
    // does a costly check whose evidence waits only for calls, which longer windows buy with fewer
    // GCs: exact steps waiting for enough calls (a 1 ms function leaking 1 KB a call spent 40% of its
    // 2.3 s in 221 GCs), as long as the windows they need (8 more, twice as long) end before those
    // calls do; and a staircase forming, waiting for a collection's next step (a 1 ms function leaking
    // 16 B a call into an array spent half of its 8 s in ~450 GCs), while its windows stay short
    // enough to place the steps (`stepWindows`).
    const awaiting = judgement.verdict === 'undecided' ? judgement.awaiting : undefined
    const stretchable =
      !cheap &&
      !fixedLength &&
      costlyLength !== undefined &&
      (awaiting === 'calls'
        ? calls + 16 * costlyLength <= settings.minLeakCalls
        : awaiting === 'step' && stepWindows * costlyLength <= calls)
    if (series.full || stretchable) {
      series.thin()
      stretch *= 2
      if (costlyLength) costlyLength *= 2
      if (fixedLength) fixedLength *= 2
    }
    const next = planWindow(round, cheap, settings)
    if (next < 1) return outOfBudget(judgement, settings)
    yield* makeCalls(next)
  }

  /** Calls in the next window, within the verdict's time and the memory a window may add. */
  function planWindow(round: number, cheap: boolean, settings: JudgeSettings): number {
    const perCall = Math.max(cost.callMs, 1e-6)
    let desired: number
    if (fixedLength) desired = fixedLength
    else if (cheap) {
      desired = Math.max(
        Math.ceil(calls * windowGrowth[round % windowGrowth.length]!),
        leastCheapWindow(round - cheapFrom, perCall, settings),
      )
    } else {
      // Windows of one length, so garbage that piles up between full GCs (weak tables, timer
      // lists) looks the same in each; a new length only when the calls' cost changed a lot.
      // About two GCs' worth of calls: the split that buys the most evidence per budget (a window
      // of n calls and its GC cost n·c + g; the slope's error falls with n and the windows' count).
      // A busy machine slows GCs more than calls: its windows get longer, up to a high cap.
      // The meter's dry run (no `prime`) needs many windows, not long ones: its scavenges cost ~0.3 ms.
      const shortest = context.prime ? minCostlyWindowMs : 0
      const windowMs = stretch * Math.min(maxCostlyWindowMs, Math.max(shortest, 2 * cost.gcMs))
      const drifted =
        costlyLength !== undefined && Math.abs(Math.log((costlyLength * perCall) / windowMs)) > Math.log(4)
      if (costlyLength === undefined || drifted)
        costlyLength = Math.max(minWindowCalls, Math.round(windowMs / perCall))
      desired = costlyLength
    }
    // Leave time for the GC after the window and its second look.
    const affordable = Math.floor((context.verdictAt - now() - 3 * cost.gcMs) / perCall)
    const last = series.length - 1
    const latestRate =
      last > 0
        ? growthBetween(series, last - 1, last) / (series.iteration(last) - series.iteration(last - 1))
        : 0
    // A window may add only a slice of what the check may retain, so that windows of equal length
    // still fit to confirm a leak before the cap.
    const windowBytes = Math.min(maxWindowGrowthBytes, options.maxRetainedBytes / 8)
    const memoryCap = latestRate > 0 ? Math.floor(windowBytes / latestRate) : desired
    return Math.max(0, Math.min(desired, affordable, memoryCap, options.iterations - calls))
  }

  /**
   * The shortest of the first cheap windows. The first: about 20 ms of calls, at most
   * `firstWindowMaxCalls`; it shows what a call retains before longer windows are planned (memory
   * per window is capped), so a big leak does not reach `maxRetainedBytes` in it. The second, for
   * a sync function: as many calls as a clean verdict needs, so that a flat window is one (every
   * window costs a full GC, which takes longer than thousands of such calls).
   */
  function leastCheapWindow(cheapRound: number, perCall: number, settings: JudgeSettings): number {
    if (cheapRound === 0) return Math.min(Math.floor(20 / perCall), firstWindowMaxCalls)
    if (cheapRound === 1 && !context.async)
      return Math.ceil((2.5 * settings.granuleBytes) / settings.acceptResolution)
    return 0
  }

  /**
   * Windows of a leak verdict that grew in length (cheap calls) are confirmed by two windows as long
   * as the last: a weak table or timer list sized by the garbage between full GCs grows with the
   * windows' length, not with the calls. Equal windows confirm themselves.
   */
  function* confirmLeak(
    from: number,
  ): Generator<number, 'confirmed' | 'refuted' | 'unaffordable', CallReport | undefined> {
    const last = series.length - 1
    let shortest = Number.POSITIVE_INFINITY
    let longest = 0
    // A last window cut short (the deadline, the retained cap) says nothing about the lengths.
    const lastLength = series.iteration(last) - series.iteration(last - 1)
    const previousLength = series.iteration(last - 1) - series.iteration(last - 2)
    const through = last - from > 3 && lastLength < previousLength ? last - 1 : last
    for (let index = from + 1; index <= through; index++) {
      const length = series.iteration(index) - series.iteration(index - 1)
      shortest = Math.min(shortest, length)
      longest = Math.max(longest, length)
    }
    if (longest <= 1.1 * shortest) return 'confirmed'
    const length = series.iteration(last) - series.iteration(last - 1)
    const rate = growthBetween(series, from, last) / (series.iteration(last) - series.iteration(from))
    // The span ends in two windows of equal length (capped by the memory a window may add) that
    // grew as the confirmation would have to: a big leak near the retained cap has no room for more.
    const previous = series.iteration(last - 1) - series.iteration(last - 2)
    if (last - 2 >= from && Math.abs(length - previous) <= 0.1 * length && grewAtRate(last - 2, last, rate))
      return 'confirmed'
    const start = series.length - 1
    // Shorter windows than the last still tell the two apart (garbage sized by the window shrinks
    // with it, a leak keeps its rate), as long as the leak's growth in them stands out of the noise:
    // the iteration cap or a short budget must not turn a clear leak into an inconclusive. However
    // short: a leak whose calls grow costly (an EventTarget's listener list is O(n) to append to) on a
    // busy machine could afford a tenth of its last window, and was inconclusive in 3 of 8 runs.
    // Standing out means 8 granules in each window, and twice what the function swung by in one: two
    // short windows of a swinging function (jsdom moves ~100 KB a window with its code) may both grow
    // by chance. Windows as long as the last one are as good as the judgement itself.
    const affordableTime = Math.floor(
      (context.verdictAt - now() - 6 * cost.gcMs) / Math.max(cost.callMs, 1e-6),
    )
    // Two equal windows tell them apart at any length where the leak stands out, and long ones can
    // cost seconds when the leak itself makes calls slower (an EventTarget's listener list): those are
    // shortened. Cheap ones stay long: a leak into a number array grows only at its capacity steps.
    const convincing = Math.max(
      Math.ceil(length / 4),
      Math.ceil((16 * granule(context.async)) / rate),
      Math.floor(confirmWindowMs / Math.max(cost.callMs, 1e-6)),
    )
    const next = Math.min(
      length,
      convincing,
      Math.floor(affordableTime / 2),
      Math.floor((options.iterations - calls) / 2),
    )
    const standsOut = Math.max(8 * granule(context.async), 2 * largestDrop(series, from, last)) / rate
    if (next < Math.min(standsOut, length)) return 'unaffordable'
    for (let confirmation = 0; confirmation < 2; confirmation++) {
      if (series.full) return 'unaffordable'
      yield* makeCalls(next)
    }
    return grewAtRate(start, series.length - 1, rate) ? 'confirmed' : 'refuted'
  }

  /** A leak grows in each window from `start` to `end`, at a good part of its rate. */
  function grewAtRate(start: number, end: number, rate: number): boolean {
    if (windowGrowths(series, start, end, options.threshold).some((window) => window <= 0)) return false
    const growth = growthBetween(series, start, end, options.threshold)
    const expected = rate * (series.iteration(end) - series.iteration(start))
    return growth > granule(context.async) && growth >= expected / 2
  }

  /** The budget is spent: clean at a coarser resolution if the series allows it, else inconclusive. */
  function outOfBudget(judgement: ReturnType<typeof judgeSeries>, settings: JudgeSettings): LeakResult {
    const clean =
      findCleanSpan(series, baseline, settings, finalResolution) ??
      findSteadyFloor(series, baseline, settings, finalResolution)
    if (clean) return finish('clean', clean.bytesPerIteration, clean.reason, clean.resolution)
    const spent = calls >= options.iterations ? `${options.iterations} calls` : 'the time budget'
    const swing = largestDrop(series, baseline, series.length - 1)
    // The latest window grew, but over the span a sawtooth or a swinging function need not have.
    const stillGrowing =
      judgement.verdict === 'undecided' && judgement.growing && judgement.bytesPerIteration >= 1
    const reason = stillGrowing
      ? `memory was still growing (~${Math.round(judgement.bytesPerIteration)} B/call) when ${spent} ran out: ` +
        `${judgement.reason}. This may be a leak: give the check more time (\`timeout\`) to decide`
      : swing > settings.granuleBytes && judgement.bytesPerIteration < 1
        ? `${spent} ran out before the verdict was certain: memory did not grow overall, but it swung by up ` +
          `to ${Math.round(swing / 1024)} KB between windows, too much to rule out a leak of ${finalResolution} ` +
          `B/call in ${formatCount(calls)} calls. Give the check more time (\`timeout\`) to decide`
        : `${spent} ran out before the verdict was certain: ${judgement.reason}`
    return finish('inconclusive', judgement.bytesPerIteration, reason)
  }
}
