import type { JudgeSettings } from './judgement.js'
import type { SampleSeries } from './sample-series.js'
import { growthBetween, lastingRises, windowGrowths, windowLengths } from './series-growth.js'

/** Fewest windows, all of one length, that can show a leak by its exact steps. */
const minWindows = 16
/** Share of those windows that must have grown by the same step. */
const minStepShare = 0.6
/** Smallest step that counts: a few allocations of the engine's own stay below it. */
const minStepBytes = 64
/**
 * A window may add up to this many steps: a leak every few calls adds a whole number of objects to a
 * window (a log record kept every 10th call, windows of 16 calls: 144 or 288 B, in turn).
 */
const maxStepsPerWindow = 2
/** Share of a span's windows near the step when every call adds it (a few jump with a store). */
const everyStepShare = 0.9
/** Or this share, when the others grew by more, and hardly any (`strayStepShare`) by less or by twice it. */
const mostStepShare = 0.75
const strayStepShare = 0.05

export interface ExactSteps {
  /** The first sample of the span. */
  from: number
  /** The step: what most windows added, in bytes. */
  stepBytes: number
  /** Windows that added it (once or twice). */
  stepped: number
  windows: number
  /** Samples a window spans: 1, or 2 when the steps showed only in windows merged in pairs. */
  stride: 1 | 2
}

/**
 * Finds a leak by its signature (see `findStepsOfWindows`) in the windows measured, or else in windows
 * merged in pairs: a leak of ~1,072 B arrays added 8,160 and 8,992 B to windows of 8 calls, in turn
 * (~830 B crossing from one window to the next; its cause is untraced), and 17,152 B to each pair of
 * them. With spikes of +-250 KB beside it, on a busy machine, the other rules waited for the budget to
 * run out.
 */
export function findExactSteps(
  series: SampleSeries,
  baseline: number,
  settings: JudgeSettings,
): ExactSteps | undefined {
  const steps = findStepsOfWindows(series, baseline, settings, minStepBytes)
  if (steps || series.length - baseline <= 2 * minWindows) return steps
  const paired = series.pairedFrom(baseline)
  const pairedSteps = findStepsOfWindows(paired, 0, settings, 2 * minStepBytes)
  if (!pairedSteps) return undefined
  // Pairs of windows of unequal length (8 calls and 16, in turn) would step alike for growth per
  // window, not per call.
  const from = series.length - 1 - 2 * (paired.length - 1 - pairedSteps.from)
  if (!equalWindows(series, from, series.length - 1)) return undefined
  return { ...pairedSteps, from, stride: 2 }
}

/**
 * Finds a leak by its signature in windows of equal length: most of them grew by the same number of
 * bytes (to a few bytes), or by twice it, because each call, or every few calls, stored objects of
 * the same size (a window holds a whole number of them). A full GC leaves nothing
 * else behind a synchronous function, and what else moves (a collection's backing store, a buffer
 * freed elsewhere) shows in a few windows only. Nothing that warms up does this: JIT metadata,
 * sockets and parsers grow in uneven bursts. A cache filling up does, until it is full, so the
 * caller still asks for its least number of calls; and the span must have grown by most of its
 * steps, beside any jumps, which a sawtooth's rising windows (an equal step each, then a drop) never do.
 *
 * The span is the last half of the windows, at least `minWindows`.
 */
function findStepsOfWindows(
  series: SampleSeries,
  baseline: number,
  settings: JudgeSettings,
  minStep: number,
): ExactSteps | undefined {
  const last = series.length - 1
  const windows = Math.max(minWindows, Math.ceil((last - baseline) / 2))
  const from = last - windows
  if (from < baseline || !equalWindows(series, from, last)) return undefined
  const growths = windowGrowths(series, from, last, settings.threshold)
  let stepBytes = 0
  let stepped = 0
  for (const candidate of growths) {
    if (candidate < minStep) continue
    let count = 0
    for (const growth of growths) if (wholeSteps(growth, candidate) > 0) count++
    if (count > stepped) {
      stepped = count
      stepBytes = candidate
    }
  }
  if (stepped < minStepShare * windows) return undefined
  // Jumps far beyond the step that stayed (a function warming up) are none of its steps: a sawtooth
  // cache (+8 KB a window, then -42 KB) with two such jumps in its span kept as much as a leak would.
  const lasting = lastingRises(series, from, last)
  const jumps = growths.reduce(
    (sum, growth, window) => sum + (growth > (maxStepsPerWindow + 0.5) * stepBytes ? lasting[window]! : 0),
    0,
  )
  // Half of the steps the windows added, counted in steps: windows of one record or two (1.6 a window)
  // add 1.6 steps each, and a sawtooth that flushes a batch of them now and then keeps less.
  const steps = growths.reduce((sum, growth) => sum + wholeSteps(growth, stepBytes), 0)
  const kept = growthBetween(series, from, last, settings.threshold) - jumps
  if (kept < 0.5 * stepBytes * Math.max(windows, steps)) return undefined
  return { from, stepBytes, stepped, windows, stride: 1 }
}

/** Whether the windows between samples `from` and `to` are all of one length. */
function equalWindows(series: SampleSeries, from: number, to: number): boolean {
  const lengths = windowLengths(series, from, to)
  return lengths.every((length) => length === lengths[0])
}

/** How many steps a window's growth is, to a few bytes each (0: none, or not a whole number). */
function wholeSteps(growth: number, step: number): number {
  for (let steps = 1; steps <= maxStepsPerWindow; steps++) {
    if (Math.abs(growth - steps * step) <= 8 + (steps * step) / 64) return steps
  }
  return 0
}

/**
 * Whether every call adds the step: nine of the steps' windows in ten grew by it to within a quarter;
 * or three in four did, the others by more (noise on top: a 1 ms JSON function's 64 B a call grew
 * 1,024 B in 16-call windows, 1.3-29 KB in one window of seven), and next to none by less or by twice
 * it (a record kept every 10th call adds one or two to a window of 16 calls: 144 or 288 B).
 */
export function everyCallAddsStep(
  series: SampleSeries,
  steps: ExactSteps,
  last: number,
  settings: JudgeSettings,
): boolean {
  const step = steps.stepBytes
  const growths = windowGrowths(series, steps.from, last, settings.threshold, steps.stride)
  const share = (near: (growth: number) => boolean) => growths.filter(near).length / growths.length
  const nearStep = share((growth) => Math.abs(growth - step) <= step / 4)
  if (nearStep >= everyStepShare) return true
  return (
    nearStep >= mostStepShare &&
    share((growth) => growth < step - step / 4) <= strayStepShare &&
    share((growth) => Math.abs(growth - 2 * step) <= step / 4) <= strayStepShare
  )
}

/** The windows the steps were counted in, as the reason names them. */
export function describeStepWindows(steps: ExactSteps): string {
  return steps.stride === 1 ? `${steps.windows} windows` : `${steps.windows} pairs of windows`
}
