import { formatCount } from '../runtime/format-count.js'
import {
  anyStoreStaircase,
  arrayStaircase,
  codeChurns,
  costlyArrayStaircase,
  findStaircase,
  formingStaircase,
} from './find-staircase.js'
import { formatResolution } from './format-resolution.js'
import { judgeGrowth } from './judge-growth.js'
import type { Judgement, JudgeSettings } from './judgement.js'
import type { SampleSeries } from './sample-series.js'
import {
  codeFreed,
  growthBesideCode,
  growthBetween,
  largestDropBesideSpikes,
  windowGrowths,
  windowLengths,
} from './series-growth.js'
import { findSteadyFloor } from './steady-floor.js'

/**
 * Decides from the samples taken since `baseline` (the sample after warm-up).
 *
 * Clean: a span of windows ending at the latest sample, at least as long (in calls) as everything
 * before it, grew so little that a leak of `resolution` bytes per call would have shown. Spanning the
 * calls before it matters: collections grow their backing stores geometrically (arrays x1.5, hash
 * tables x2), so a leak of a few bytes per call crosses a capacity step in such a span. The
 * resolution counts the span's growth and its swings, so noisy functions need longer spans.
 *
 * Clean too: most of many equal windows retained nothing (`findMostlyFlatWindows`), or a swinging
 * function's floors held steady (`findSteadyFloor`).
 *
 * Leaking: over the last half of the calls (at least three windows), memory grew by more than
 * noise and swings allow, at a steady rate in both halves of that span, which separates unbounded
 * growth from a cache that is filling up; or most equal windows grew by the same bytes
 * (`findExactSteps`). See `judgeGrowth`. Or, before any clean rule, memory grew in steps that kept
 * pace with the calls (`findStaircase`): the flat windows between them would look clean.
 */
export function judgeSeries(series: SampleSeries, baseline: number, settings: JudgeSettings): Judgement {
  const last = series.length - 1
  if (last <= baseline)
    return { verdict: 'undecided', bytesPerIteration: 0, growing: false, reason: 'no window measured yet' }
  // A staircase is a leak whatever the other rules make of it: its flat windows look clean to them.
  const staircase =
    findStaircase(series, baseline, settings, anyStoreStaircase) ??
    findStaircase(series, baseline, settings, settings.costly ? costlyArrayStaircase : arrayStaircase)
  if (staircase) {
    const calls = series.iteration(last) - series.iteration(staircase.from)
    const steps = staircase.steps
      .map((step) => `+${Math.round(step.bytes / 1024)} KB at ${formatCount(step.calls)}`)
      .join(', ')
    return {
      verdict: 'leaking',
      bytesPerIteration: Math.max(0, growthBetween(series, staircase.from, last, settings.threshold) / calls),
      from: staircase.from,
      reason: `memory grew in steps that kept pace with the calls (${steps} calls), as a collection's store does when it keeps something from every call`,
    }
  }
  // Two such steps are a staircase forming: no clean verdict until the next steps come (a leak) or
  // stay away (a cache that stopped growing): the flat windows between two steps bound a number
  // array's leak only to a few times its rate. The leak rules judge on.
  const forming = findStaircase(series, baseline, settings, formingStaircase)
  const clean = forming
    ? undefined
    : (findCleanSpan(series, baseline, settings) ??
      findMostlyFlatWindows(series, baseline, settings) ??
      findSteadyFloor(series, baseline, settings, settings.floorResolution))
  if (clean) return clean
  const judgement = judgeGrowth(series, baseline, settings)
  return forming && judgement.verdict === 'undecided' && !judgement.awaiting
    ? { ...judgement, awaiting: 'step' }
    : judgement
}

/** The best resolution a clean verdict could claim now (Infinity when no span qualifies). */
export function findCleanSpan(
  series: SampleSeries,
  baseline: number,
  settings: JudgeSettings,
  acceptResolution = settings.acceptResolution,
): Extract<Judgement, { verdict: 'clean' }> | undefined {
  const last = series.length - 1
  for (let from = baseline; from < last; from++) {
    // With the event loop turning, the runner may free what it held for the previous test during
    // the first window and cancel out a leak's growth there: no clean verdict may start there.
    if (settings.foreignFrees && from === baseline) continue
    const calls = series.iteration(last) - series.iteration(from)
    if (calls < series.iteration(from)) break
    const growth = growthBetween(series, from, last, settings.threshold)
    // Growth in most of its windows, cancelled by a few drops, is a leak that moved or freed
    // something else meanwhile, not a flat function.
    if (last - from >= 5 && grewBeyond(series, from, last, settings) >= 0.6 * (last - from)) continue
    // A span that shrank proves nothing: a collection that moved its backing store (to large-object
    // space, say) frees the old one while it still leaks.
    if (growthBetween(series, from, last) < -settings.granuleBytes) continue
    // Growth can hide behind memory freed meanwhile: the function's own (a collection moving its
    // backing store, a cache clearing), or what an earlier check or test still held when this one
    // began (a sync check's first window in a runner freed 160 KB and hid a 1.5 B/call leak). Such
    // a free may go on in the windows after it (223 KB, then 12 KB that hid a 1.1 B/call leak's
    // step), so a drop just before the span counts too. When the event loop turns, others free
    // memory too, and the swings widen what it could hide more.
    const swings =
      (settings.foreignFrees ? 2 : 1) *
      largestDropBesideSpikes(series, from > baseline ? from - 1 : from, last, from)
    // Metadata freed with compiled code hides growth too (measured: up to 1.5x the code's bytes).
    const allowance = Math.max(growth + 1.5 * codeFreed(series, from, last), settings.granuleBytes, swings)
    const resolution = (2.5 * allowance) / calls
    // (Written so that a NaN, from a sample read past the series, never passes for clean.)
    if (!(resolution <= acceptResolution)) continue
    // Right after a window that grew at a rate this verdict claims to rule out, a quiet stretch may
    // only mean that something unrelated was freed as the leak went on.
    if (from > baseline) {
      // Beside the code compiled meanwhile: a cheap function's second window grew by 3-20 KB with
      // half that in code (its own and the meter's tiering up), which held every such verdict back
      // by a window 2.3 times as long.
      const before = growthBesideCode(series, from - 1, from, settings.threshold)
      const length = series.iteration(from) - series.iteration(from - 1)
      // (A window the span's own windows matched is no such sign: a busy runner's few KB a window.)
      const doubted = before > settings.granuleBytes && before / length >= resolution
      if (doubted && Math.max(...windowGrowths(series, from, last, settings.threshold)) < before) continue
    }
    return {
      verdict: 'clean',
      bytesPerIteration: Math.max(0, growth / calls),
      resolution,
      reason: `no leak >= ${formatResolution(resolution)} B/call over the last ${formatCount(calls)} calls`,
    }
  }
  return undefined
}

/** Growth a window may show and still count as not growing: a few allocations of the engine's own. */
const flatWindowBytes = 64
/** Fewest equal windows that can show a costly function clean by their median. */
const minFlatWindows = 12
/**
 * An array's backing store grows to 1.5x + 16 elements when full: a leak of an element a call or more
 * steps again by 1.5x the calls and 16 more (two numbers a call, a step at 126 calls: the next at ~197).
 */
const arrayGrowth = 1.5
const arrayGrowthElements = 16

/**
 * Clean by the shape of many equal windows: most of them did not grow at all. A retained object
 * per call would grow every window by its size; what grows a clean function's heap at millisecond
 * costs is one-off (JIT metadata, engine tables settling) and shows in a few windows only, so a sum
 * over the span would blame it on the calls. The resolution is what a leak would add to each window.
 */
export function findMostlyFlatWindows(
  series: SampleSeries,
  baseline: number,
  settings: JudgeSettings,
): Extract<Judgement, { verdict: 'clean' }> | undefined {
  const last = series.length - 1
  // The windows of the last half of the calls, as a clean span covers (a store's step falls in it),
  // not of the windows: a bounded LRU at 0.1 ms had 54 windows of 24 calls while it filled, then
  // 87-call windows that retained nothing for 4,700 calls before they were half of all windows.
  let from = last - minFlatWindows
  while (from > baseline && series.iteration(from) > series.iteration(last) / 2) from--
  const count = last - from
  if (from < baseline || (settings.foreignFrees && from === baseline)) return undefined
  const lengths = windowLengths(series, from, last)
  const growths = windowGrowths(series, from, last, settings.threshold)
  const length = Math.min(...lengths)
  if (Math.max(...lengths) > 1.1 * length) return undefined
  // A window that shrank proves nothing either: a leaking collection may have moved its store.
  let flat = 0
  for (let index = from + 1; index <= last; index++) {
    const shrank = growthBetween(series, index - 1, index) < -settings.granuleBytes
    if (!shrank && growths[index - from - 1]! <= flatWindowBytes) flat++
  }
  if (flat < 0.6 * count) return undefined
  // A leak that stores primitives grows only when its collection's backing store does (x1.5
  // or x2, once in many windows; a step is a third to a half of the store): the largest step
  // bounds what the flat windows can hide.
  // A jump that the next window gave back (nearly) whole is no step: optimised code and its metadata,
  // made and dropped again. A store that moved gives back only its old part, and a step it stays.
  // Nor is what came with compiled code: its metadata, up to twice the code's bytes (a 10 ms JSON
  // function grew 18 KB with 10.7 KB of code, 10.4 KB with 5.2 KB, among hundreds of flat windows);
  // and a drop that went with code freed gave back the JIT's bytes, not the step's. But a store's
  // step may hide in such a window too (a number array leaking 8 B/call stepped +10.5 KB with the JIT
  // at ~1,400 calls, then stayed flat, and was called clean at 2 B/call). So the whole jump bounds the
  // leak as an array's step would (half of what it holds: s bytes after m calls, 2s/m a call), until
  // its next step is due (at 1.5x the calls) and would show beside no code. Holding the verdict until
  // then cost a 10 ms function 1-3 s under load; waiting for a hash table's next step too (at 2x)
  // made 1-3 ms functions' clean verdicts 40-60% slower. Nor where code moves in many windows (jsdom):
  // no staircase is looked for there either.
  const churning = codeChurns(series, from, last)
  let largestStep = 0
  let hiddenStepRate = 0
  growths.forEach((growth, window) => {
    const next = growths[window + 1] ?? 0
    const end = from + window + 1
    // (Only a jump folds: a window that shrank, the last one above all, has no jump to give back.)
    const to = growth > 0 && next < -0.9 * growth ? end + 1 : end
    largestStep = Math.max(largestStep, growthBesideCode(series, end - 1, to, settings.threshold))
    if (churning || series.iteration(last) >= arrayGrowth * series.iteration(end) + arrayGrowthElements)
      return
    const stepRate = (2 * growthBetween(series, end - 1, to, settings.threshold)) / series.iteration(end - 1)
    hiddenStepRate = Math.max(hiddenStepRate, stepRate)
  })
  const windowBound = (2.5 * flatWindowBytes) / length
  const resolution = Math.max(windowBound, (5 * largestStep) / series.iteration(last), hiddenStepRate)
  // Up to what the windows' length allows (24 B/call for windows of 8 calls of a 10 ms function), but
  // a step may claim no more than 12 B/call beyond the longer windows' bound: a number array leaking
  // ~12 B/call at 0.1 ms (34-call windows) was called clean at 16-22 B/call by its steps before the
  // staircase rule saw it, in two of three runs.
  if (!(resolution <= Math.max(settings.acceptResolution, Math.min(24, Math.max(12, 1.25 * windowBound)))))
    return undefined
  const calls = series.iteration(last) - series.iteration(from)
  return {
    verdict: 'clean',
    bytesPerIteration: Math.max(0, growthBetween(series, from, last, settings.threshold) / calls),
    resolution,
    reason:
      `no leak >= ${formatResolution(resolution)} B/call: ${flat} of the last ${count} windows ` +
      `(${formatCount(calls)} calls) retained nothing`,
  }
}

/** Windows between samples `from` and `to` that grew by more than the granule. */
function grewBeyond(series: SampleSeries, from: number, to: number, settings: JudgeSettings): number {
  return windowGrowths(series, from, to, settings.threshold).filter(
    (growth) => growth > settings.granuleBytes,
  ).length
}
