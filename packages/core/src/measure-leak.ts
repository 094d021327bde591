import { getGarbageCollector } from './force-gc.js'
import { type JudgeSettings, judgeSeries, measureWindow, rateBetween } from './judge-series.js'
import type { LeakResult, LeakStatus } from './leak-result.js'
import { readExternalBytes, readHeapBytes } from './read-memory.js'
import type { ResolvedLeakOptions } from './resolve-options.js'
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
const firstWindowCalls = 32_768
/** Time the first window may take on its way to `firstWindowCalls`. */
const firstWindowMs = 8
/** A window never plans more retained growth than this, so a large leak stays cheap to confirm. */
const maxWindowGrowthBytes = 64 * 1024 * 1024
/** Coarsest resolution (bytes per call) at which a budget-limited quiet series still counts as clean. */
const coarsestCleanResolution = 64
const maxSamples = 64
/**
 * Calls between minor GCs inside a window. Weak collections drop dead entries only in a GC but keep
 * the capacity they reached, so without these a WeakMap's table would track the window's length and
 * look like a leak; a scavenge costs tens of microseconds.
 */
export const callsPerScavenge = 4096

/**
 * The measurement, written once for sync and async drivers: it yields how many calls to make next
 * (0: only let the event loop settle), and the driver resumes it once they are made (for async
 * functions, after the event loop settled). After each window it forces a full GC, samples memory
 * and judges the series.
 */
export function* measureLeak(context: MeasureContext): Generator<number, LeakResult, void> {
  const { options } = context
  const settings = judgeSettings(options, context.async)
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
  const makeCalls = function* (count: number) {
    const before = performance.now()
    yield count
    calls += count
    callMs = (performance.now() - before) / count
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

  sample()
  const warmupCalls = options.warmup - calls
  if (warmupCalls > 0) yield* makeCalls(warmupCalls)
  else sample()
  const baseline = series.length - 1

  for (let round = 0; ; round++) {
    const judgement = judgeSeries(series, baseline, settings)
    if (judgement.verdict !== 'undecided') {
      return finish(judgement.verdict, judgement.bytesPerIteration, judgement.reason)
    }
    const latest = measureWindow(series, series.length - 1, settings)
    const perCall = Math.max(callMs, 1e-6)
    const desired = Math.max(
      Math.ceil(calls * windowGrowth[round % windowGrowth.length]!),
      round === 0 ? Math.min(firstWindowCalls, Math.floor(firstWindowMs / perCall)) : 0,
    )
    const affordable = Math.floor((deadline - performance.now() - 2 * gcMs) / perCall)
    const growthRate = Math.max(latest.rate, rateBetween(series, 0, baseline), 0)
    const memoryCap = growthRate > 0 ? Math.floor(maxWindowGrowthBytes / growthRate) : desired
    const next = Math.min(desired, affordable, memoryCap, options.iterations - calls)
    if (next < 1 || series.full || (next < calls / 4 && next < desired && next < memoryCap)) {
      return budgetSpent(latest.trend !== 'growing' && settings.noiseBytes / latest.calls)
    }
    yield* makeCalls(next)
  }

  function budgetSpent(quietResolution: number | false): LeakResult {
    const spent = calls >= options.iterations ? `${options.iterations} calls` : `${options.timeout} ms`
    if (quietResolution !== false && quietResolution <= coarsestCleanResolution) {
      return finish(
        'clean',
        0,
        `no retained growth beyond noise before the budget of ${spent} ran out ` +
          `(a leak under ${Math.ceil(quietResolution)} B/call could hide in it)`,
      )
    }
    const judgement = judgeSeries(series, baseline, settings)
    return finish(
      'inconclusive',
      judgement.bytesPerIteration,
      `the budget of ${spent} ran out before the verdict was certain: ${judgement.reason}`,
    )
  }
}

function judgeSettings(options: ResolvedLeakOptions, async: boolean): JudgeSettings {
  return {
    threshold: options.threshold,
    // JIT feedback and deoptimisation data of newly optimised code land in the heap once; letting
    // the event loop turn also wakes the runner's own timers and I/O.
    noiseBytes: async ? 32 * 1024 : 16 * 1024,
    externalSlackBytes: 8192,
    resolution: 0.5,
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
