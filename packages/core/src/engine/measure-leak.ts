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
import type { CallReport } from './call-window.js'
import { chooseOptimizer } from './choose-optimizer.js'
import { findCleanSpan, judgeSeries } from './judge-series.js'
import { granule, judgeSettings } from './judge-settings.js'
import type { JudgeSettings } from './judgement.js'
import { primeJudgeBriefly } from './prime-judge.js'
import { SampleSeries } from './sample-series.js'
import { growthBetween, largestDrop, windowGrowths } from './series-growth.js'
import { findSteadyFloor } from './steady-floor.js'
import { WindowPlan } from './window-plan.js'

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

/** A warm-up cost below this many times `cheapCallMs` is timed again before the plan rests on it. */
const recheckBand = 10
/** Time the calls that time the cost again may take, and their fewest and most. */
const recheckMs = 4
const minRecheckCalls = 64
const maxRecheckCalls = 1024
/** Times a cost near the line is timed again at most, after the first only below `closeBand` times the line. */
const maxRechecks = 3
const closeBand = 3
const maxSamples = 512
/** A confirmation window is shortened only below this many milliseconds of calls. */
const confirmWindowMs = 250
/** Second looks in a row that freed less than `fruitlessShare` of a window's growth, before they pause. */
const maxFruitlessLooks = 4
const fruitlessShare = 0.1
/** While paused, one window in this many still gets its second look. */
const recheckLooks = 8
/** Coarsest resolution a clean verdict may claim when the budget is spent. */
const finalResolution = 48

/**
 * The measurement, written once for sync and async drivers: it yields how many calls to make next
 * (0: only let the event loop settle), and the driver resumes it once they are made. After each
 * window it forces a full GC, samples memory and judges the series.
 *
 * The plan of windows follows the measured costs (see `WindowPlan`): a few long windows while calls
 * are cheap, many of equal length once they are costly.
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
    // A function whose windows keep growing while the second looks free nothing (a leak) would spend
    // half its time in them: they pause, but for one window in `recheckLooks` (a 0.1 ms function
    // leaking 50 B/call was inconclusive, its budget spent on GCs; a 1 ms async deflate keeping its
    // output took ~90 GCs to its verdict, ~55 with them paused). An async function's second look also
    // lets the event loop turn, which frees what its timers held: one that does frees something, and
    // looks go on in every window.
    const paused = fruitlessLooks >= maxFruitlessLooks
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
  const plan = new WindowPlan(
    {
      options,
      async: context.async,
      primed: context.prime !== undefined,
      get verdictAt() {
        return context.verdictAt
      },
    },
    cost,
  )

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
      plan.fixLength(series)
      continue
    }
    if (plan.followCost(round)) resumeOptimizer()
    plan.stretchIfDue(series, judgement, calls, settings)
    const next = plan.next(round, calls, series, settings)
    if (next < 1) return outOfBudget(judgement, settings)
    yield* makeCalls(next)
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
