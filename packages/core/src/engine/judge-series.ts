import type { SampleSeries } from './sample-series.js'

/** How a window's growth compares with what noise and the tolerated threshold allow. */
export type WindowTrend = 'dropped' | 'flat' | 'quiet' | 'growing'

/** Memory change between two consecutive samples. */
export interface MeasuredWindow {
  calls: number
  /** Heap growth plus external growth beyond allocator granularity, in bytes (may be negative). */
  growth: number
  /** `growth / calls`. */
  rate: number
  trend: WindowTrend
}

export interface JudgeSettings {
  /** Bytes per call tolerated. */
  threshold: number
  /** One-off growth of a clean function in a window, whatever its length (JIT feedback, event loop). */
  noiseBytes: number
  /**
   * A window that shrank by more than this saw memory freed that is not the function's doing (old
   * JIT metadata, the runner's buffers), which may hide growth: it proves nothing.
   */
  dropBytes: number
  /** External memory moves in steps of this size (Buffer pool) without anything leaking. */
  externalSlackBytes: number
  /** Growth per call that a quiet (not exactly flat) window must be long enough to rule out. */
  resolution: number
  /**
   * Fewest calls a window needs before it can show a function clean: unrelated memory freed
   * during a short window (old JIT metadata, say) can cancel out a small leak's growth.
   */
  minCleanCalls: number
  /** Whether other code runs between windows (async functions) and may free memory of its own. */
  foreignFrees: boolean
  /** Consecutive growing windows needed for a leak verdict. */
  confirmWindows: number
  /** Largest drop of the per-call rate between consecutive windows that still counts as steady. */
  maxRateDrop: number
}

export type Judgement =
  | { verdict: 'clean'; bytesPerIteration: number; reason: string }
  | { verdict: 'leaking'; bytesPerIteration: number; reason: string }
  | { verdict: 'undecided'; bytesPerIteration: number; reason: string }

/** The window between samples `from` and `to` (by default the one ending at `to`). */
export function measureWindow(
  series: SampleSeries,
  to: number,
  settings: JudgeSettings,
  from = to - 1,
): MeasuredWindow {
  const calls = series.iteration(to) - series.iteration(from)
  const external = series.external(to) - series.external(from)
  const heap = series.heap(to) - series.heap(from)
  // External memory is freed lazily (a sweeper thread releases ArrayBuffer contents after the GC),
  // so a drop may belong to an earlier window and must not offset heap growth in this one.
  const growth = heap + (external > settings.externalSlackBytes ? external : 0)
  const tolerated = settings.threshold * calls
  const trend: WindowTrend =
    growth < -settings.dropBytes
      ? 'dropped'
      : growth <= tolerated
        ? 'flat'
        : growth <= tolerated + settings.noiseBytes
          ? 'quiet'
          : 'growing'
  return { calls, growth, rate: calls > 0 ? growth / calls : 0, trend }
}

/**
 * Decides from the windows measured since `baseline` (the sample taken after warm-up).
 *
 * Clean: a window ending at the latest sample (the last one, or several together, which a sawtooth
 * needs) made at least as many calls as everything before it and did not grow.
 * A window that dropped by more than noise proves nothing: a collection that moved its backing store
 * (to large-object space, say) frees the old one while it still leaks.
 * Collections grow their backing stores geometrically (arrays x1.5, hash tables x2), so a leak of a
 * few bytes per call into one of them crosses a capacity step in such a window and cannot read as
 * exactly flat. A window that grew by no more than noise only counts when it is long enough for a
 * leak of `resolution` bytes per call to have exceeded that noise.
 *
 * Leaking: the last `confirmWindows` windows all grew beyond noise and the per-call rate did not
 * collapse from one to the next, which separates unbounded growth from a cache that is filling up.
 */
export function judgeSeries(series: SampleSeries, baseline: number, settings: JudgeSettings): Judgement {
  const last = series.length - 1
  if (last <= baseline)
    return { verdict: 'undecided', bytesPerIteration: 0, reason: 'no window measured yet' }
  for (let from = last - 1; from >= baseline; from--) {
    // When the event loop turns between windows, a window that dropped by more than noise may have
    // seen memory freed that someone else held (the runner's own), which can hide growth: no clean
    // verdict may rest on it. A synchronous window owns the thread, so its drops are the function's.
    if (settings.foreignFrees && measureWindow(series, from + 1, settings).trend === 'dropped') break
    // Right after a window that grew, a quiet one may only mean that something unrelated was
    // freed as the leak went on (old JIT metadata, another structure's old backing store): the
    // quiet stretch must start after a window that did not grow.
    if (from > baseline && measureWindow(series, from, settings).trend === 'growing') continue
    // With the event loop turning, the runner may free what it held for the previous test during
    // the first window and cancel out a leak's growth there: no clean verdict on it alone.
    if (settings.foreignFrees && from === baseline) continue
    const window = measureWindow(series, last, settings, from)
    if (window.calls < series.iteration(from) || window.calls < settings.minCleanCalls) continue
    if (window.trend === 'flat')
      return clean(window, `no retained growth over the last ${window.calls} calls`)
    if (window.trend === 'quiet' && window.calls * settings.resolution >= settings.noiseBytes) {
      return clean(window, `no retained growth beyond noise over the last ${window.calls} calls`)
    }
  }
  const latest = measureWindow(series, last, settings)
  const first = last - settings.confirmWindows + 1
  const estimate = Math.max(0, rateBetween(series, Math.max(baseline, first - 1), last))
  if (first <= baseline) return undecided(latest, estimate)
  let previous: MeasuredWindow | undefined
  for (let index = first; index <= last; index++) {
    const window = measureWindow(series, index, settings)
    if (window.trend !== 'growing') return undecided(latest, estimate)
    if (previous && window.rate * settings.maxRateDrop < previous.rate) return undecided(latest, estimate)
    previous = window
  }
  const calls = series.iteration(last) - series.iteration(first - 1)
  return {
    verdict: 'leaking',
    bytesPerIteration: estimate,
    reason: `memory grew steadily in each of the last ${settings.confirmWindows} windows (${calls} calls)`,
  }
}

/** Retained growth per call between two samples, heap plus external. */
export function rateBetween(series: SampleSeries, from: number, to: number): number {
  const calls = series.iteration(to) - series.iteration(from)
  if (calls <= 0) return 0
  const growth = series.heap(to) - series.heap(from) + series.external(to) - series.external(from)
  return growth / calls
}

function clean(latest: MeasuredWindow, reason: string): Judgement {
  return { verdict: 'clean', bytesPerIteration: Math.max(0, latest.rate), reason }
}

function undecided(latest: MeasuredWindow, estimate: number): Judgement {
  const reason = latest.trend === 'growing' ? 'memory grew, but not yet steadily' : 'memory stopped growing'
  return { verdict: 'undecided', bytesPerIteration: estimate, reason }
}
