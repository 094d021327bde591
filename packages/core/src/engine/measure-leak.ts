import type { ResolvedLeakOptions } from '../options/resolve-options.js'
import type { LeakResult, LeakStatus } from '../result/leak-result.js'
import { getGarbageCollector } from '../runtime/force-gc.js'
import { readExternalBytes, readHeapBytes } from '../runtime/read-memory.js'
import { settleHeap } from '../runtime/settle-heap.js'
import { type CallReport, maxWindowGrowthBytes } from './call-window.js'
import { type JudgeSettings, judgeSeries, measureWindow } from './judge-series.js'
import { SampleSeries } from './sample-series.js'

/** What the driver tells the measurement about the first call, made before measuring starts. */
export interface MeasureContext {
  options: ResolvedLeakOptions
  async: boolean
  startedAt: number
  firstCallMs: number
}

/** Calls per window grow by these factors in turn: irregular, so a sawtooth cannot alias with them. */
const windowGrowth = [2.3, 2.9, 2.1, 2.6, 2.4]
/** The first window makes up to this many calls when they are cheap: small leaks need room to show. */
const firstWindowCalls = 16_384
/** Time the first window may take on its way to `firstWindowCalls`. */
const firstWindowMs = 20
const maxSamples = 64

/**
 * The measurement, written once for sync and async drivers: it yields how many calls to make next
 * (0: only let the event loop settle), and the driver resumes it once they are made (for async
 * functions, after the event loop settled). After each window it forces a full GC, samples memory
 * and judges the series.
 */
export function* measureLeak(context: MeasureContext): Generator<number, LeakResult, CallReport | undefined> {
  const { options } = context
  let settings = judgeSettings(options, context.async, context.firstCallMs)
  const collect = getGarbageCollector()
  const series = new SampleSeries(maxSamples)
  primeMeter(settings)
  let calls = 1
  let collections = 0
  let gcMs = 0
  let callMs = context.firstCallMs
  const deadline = context.startedAt + options.timeout

  const sample = () => {
    const before = performance.now()
    collect()
    gcMs = performance.now() - before
    collections++
    series.push(calls, readHeapBytes(), readExternalBytes())
  }
  const makeCalls = function* (count: number): Generator<number, void, CallReport | undefined> {
    const report = (yield count) ?? { made: count, elapsedMs: 0 }
    calls += report.made
    if (report.made > 0) callMs = report.elapsedMs / report.made
    sample()
    // Growth is believed only after a second look: engine caches (compiled regexps) age out on the
    // next full GC, and cleanup that runs after a GC (FinalizationRegistry callbacks, AbortSignal
    // bookkeeping) needs one more turn of the event loop (async functions) and one more GC.
    if (measureWindow(series, series.length - 1, settings).trend === 'growing') {
      yield 0
      series.dropLast()
      sample()
    }
  }
  const finish = (status: LeakStatus, bytesPerIteration: number, reason: string): LeakResult => {
    const base = {
      bytesPerIteration,
      iterations: calls,
      durationMs: performance.now() - context.startedAt,
      collections,
      async: context.async,
      samples: series.toArray(),
      reason,
    }
    if (status === 'leaking') return { ...base, status, leaked: true }
    return { ...base, status, leaked: false }
  }

  settleHeap(collect)
  const warmupCalls = options.warmup - calls
  if (warmupCalls > 0) {
    const report = (yield warmupCalls) ?? { made: warmupCalls, elapsedMs: 0 }
    calls += report.made
    if (report.made > 0) callMs = report.elapsedMs / report.made
  }
  settings = judgeSettings(options, context.async, callMs)
  sample()
  const baseline = 0

  for (let round = 0; ; round++) {
    const judgement = judgeSeries(series, baseline, settings)
    if (judgement.verdict === 'clean') return finish('clean', judgement.bytesPerIteration, judgement.reason)
    if (judgement.verdict === 'leaking') {
      // Confirm with windows as long as the last one instead of longer: a weak table or timer
      // list sized by how much garbage piles up between full GCs grows with the windows' length,
      // not with the calls, and stops growing when the length does. Two such windows cover
      // more than a capacity step of any array (x1.5) or hash table (x2) a real leak grows.
      const length = series.iteration(series.length - 1) - series.iteration(series.length - 2)
      for (let confirmation = 0; confirmation < 2; confirmation++) {
        const affordable = Math.floor((deadline - performance.now() - 2 * gcMs) / Math.max(callMs, 1e-6))
        const next = Math.min(length, affordable, options.iterations - calls)
        if (next < length / 2 || series.full) break
        yield* makeCalls(next)
        if (measureWindow(series, series.length - 1, settings).trend === 'growing') {
          return finish('leaking', judgement.bytesPerIteration, judgement.reason)
        }
      }
      return finish(
        'inconclusive',
        judgement.bytesPerIteration,
        'memory grew with the length of the windows but not over windows of equal length: garbage ' +
          'that only a full GC frees (a weak table, pending timers) rather than a leak, most likely',
      )
    }
    const latestRate = series.length > 1 ? measureWindow(series, series.length - 1, settings).rate : 0
    const perCall = Math.max(callMs, 1e-6)
    const desired = Math.max(
      Math.ceil(calls * windowGrowth[round % windowGrowth.length]!),
      round === 0
        ? Math.max(settings.minCleanCalls, Math.min(firstWindowCalls, Math.floor(firstWindowMs / perCall)))
        : 0,
    )
    const affordable = Math.floor((deadline - performance.now() - 2 * gcMs) / perCall)
    const memoryCap = latestRate > 0 ? Math.floor(maxWindowGrowthBytes / latestRate) : desired
    const next = Math.min(desired, affordable, memoryCap, options.iterations - calls)
    if (next < 1 || series.full || (next < calls / 4 && next < desired && next < memoryCap)) {
      const spent = calls >= options.iterations ? `${options.iterations} calls` : `${options.timeout} ms`
      return finish(
        'inconclusive',
        judgement.bytesPerIteration,
        `the budget of ${spent} ran out before the verdict was certain: ${judgement.reason}`,
      )
    }
    yield* makeCalls(next)
  }
}

/** A clean verdict needs windows of this many calls, when they fit in a quarter of the time budget. */
const preferredCleanCalls = 2048

function judgeSettings(options: ResolvedLeakOptions, async: boolean, callMs: number): JudgeSettings {
  const affordable = Math.floor((0.25 * options.timeout) / Math.max(callMs, 1e-6))
  return {
    minCleanCalls: Math.max(16, Math.min(preferredCleanCalls, affordable)),
    threshold: options.threshold,
    // JIT feedback and deoptimisation data of newly optimised code land in the heap once; letting
    // the event loop turn also wakes the runner's own timers and I/O.
    noiseBytes: async ? 32 * 1024 : 16 * 1024,
    dropBytes: async ? 8 * 1024 : 4 * 1024,
    externalSlackBytes: 8192,
    resolution: 1,
    foreignFrees: async,
    confirmWindows: 3,
    maxRateDrop: 2.5,
  }
}

/**
 * Runs the meter's own code until V8 has allocated its feedback vectors and bytecode (lazily, after
 * several invocations), so that this one-off allocation does not land in a measured window.
 */
function primeMeter(settings: JudgeSettings): void {
  const dummy = new SampleSeries(4)
  for (let i = 0; i < 4; i++) dummy.push(i, 0, 0)
  for (let i = 0; i < 32; i++) {
    readHeapBytes()
    readExternalBytes()
    performance.now()
    judgeSeries(dummy, 1, settings)
  }
}
