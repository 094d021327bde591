import type { SampleSeries } from './sample-series.js'

/** How the judge reads a series; `judgeSettings` in measure-leak derives them from measured costs. */
export interface JudgeSettings {
  /** Bytes per call tolerated. */
  threshold: number
  /**
   * Growth of a clean function that a span may show without meaning anything: one-off JIT
   * metadata, allocator granularity. Swings the series shows (drops) widen it.
   */
  granuleBytes: number
  /** Largest resolution (bytes per call a clean verdict rules out) accepted now. */
  acceptResolution: number
  /** Whether other code runs between windows (async functions) and may free memory of its own. */
  foreignFrees: boolean
  /** Fewest calls the steady growth of a leak verdict must span: a cache filling up stops sooner. */
  minLeakCalls: number
  /** Least growth (bytes) over that span: clean I/O swings by several KB and comes back. */
  minLeakBytes: number
  /** Growth each window of a leak's span must show when the span has only a few (long) windows. */
  minWindowBytes: number
  /** Share of a leak's windows that must have grown. */
  minGrowingShare: number
  /** Largest drop of the per-call rate between the halves of a leak's span that still counts as steady. */
  maxRateDrop: number
}

export type Judgement =
  | { verdict: 'clean'; bytesPerIteration: number; resolution: number; reason: string }
  | { verdict: 'leaking'; bytesPerIteration: number; from: number; reason: string }
  | { verdict: 'undecided'; bytesPerIteration: number; growing: boolean; reason: string }

/** External memory moves in steps of this size (Buffer pool) without anything leaking. */
const externalSlackBytes = 8192

/**
 * Retained growth between samples `from` and `to`: heap plus external growth beyond the Buffer
 * pool's step, minus the threshold. External memory is freed lazily (a sweeper thread releases
 * ArrayBuffer contents after the GC), so a drop of it may belong to earlier calls and never offsets
 * heap growth.
 */
export function growthBetween(series: SampleSeries, from: number, to: number, threshold = 0): number {
  const calls = series.iteration(to) - series.iteration(from)
  const heap = series.heap(to) - series.heap(from)
  const external = series.external(to) - series.external(from)
  return heap + (external > externalSlackBytes ? external : 0) - threshold * calls
}

/** The largest drop of a single window between samples `from` and `to` (0 when none dropped). */
export function largestDrop(series: SampleSeries, from: number, to: number): number {
  let drop = 0
  for (let index = from + 1; index <= to; index++)
    drop = Math.max(drop, -growthBetween(series, index - 1, index))
  return drop
}

/** The second largest drop of a single window between samples `from` and `to` (0 when fewer dropped). */
function secondLargestDrop(series: SampleSeries, from: number, to: number): number {
  let largest = 0
  let second = 0
  for (let index = from + 1; index <= to; index++) {
    const drop = -growthBetween(series, index - 1, index)
    if (drop > largest) {
      second = largest
      largest = drop
    } else if (drop > second) second = drop
  }
  return second
}

/**
 * Decides from the samples taken since `baseline` (the sample after warm-up).
 *
 * Clean: a span of windows ending at the latest sample, at least as long (in calls) as everything
 * before it, grew so little that a leak of `resolution` bytes per call would have shown. Spanning the
 * calls before it matters: collections grow their backing stores geometrically (arrays x1.5, hash
 * tables x2), so a leak of a few bytes per call crosses a capacity step in such a span. The
 * resolution counts the span's growth and its swings, so noisy functions need longer spans.
 *
 * Leaking: over the last half of the calls (at least three windows), memory grew by more than
 * noise and swings allow, at a steady rate in both halves of that span, which separates unbounded
 * growth from a cache that is filling up.
 */
export function judgeSeries(series: SampleSeries, baseline: number, settings: JudgeSettings): Judgement {
  const last = series.length - 1
  if (last <= baseline)
    return { verdict: 'undecided', bytesPerIteration: 0, growing: false, reason: 'no window measured yet' }
  const clean = findCleanSpan(series, baseline, settings) ?? findMostlyFlatWindows(series, baseline, settings)
  if (clean) return clean
  return judgeGrowth(series, baseline, settings)
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
    // began (a sync check's first window in a runner freed 160 KB and hid a 1.5 B/call leak). When
    // the event loop turns, others free memory too, and the swings widen what it could hide more.
    const swings = (settings.foreignFrees ? 2 : 1) * largestDrop(series, from, last)
    const allowance = Math.max(growth, settings.granuleBytes, swings)
    const resolution = (2.5 * allowance) / calls
    if (resolution > acceptResolution) continue
    // Right after a window that grew at a rate this verdict claims to rule out, a quiet stretch may
    // only mean that something unrelated was freed as the leak went on.
    if (from > baseline) {
      const before = growthBetween(series, from - 1, from, settings.threshold)
      const length = series.iteration(from) - series.iteration(from - 1)
      if (before > settings.granuleBytes && before / length >= resolution) continue
    }
    return {
      verdict: 'clean',
      bytesPerIteration: Math.max(0, growth / calls),
      resolution,
      reason: `no leak >= ${formatResolution(resolution)} B/call over the last ${calls.toLocaleString('en-US')} calls`,
    }
  }
  return undefined
}

/** Growth a window may show and still count as not growing: a few allocations of the engine's own. */
const flatWindowBytes = 64
/** Windows shorter than this many calls (costly functions) need a leak of `minShortWindowRate`. */
const shortWindowCalls = 4096
const minShortWindowRate = 8
/**
 * Over the first `shortWindowCalls` calls of a costly function, a leak slower than this must grow
 * in nearly every window (`warmUpGrowingShare`): warm-up (JIT metadata, native wrappers, a runner's
 * caches) retains up to ~30 B/call there for a thousand calls, in swings, before it levels off or
 * is freed (a 1 ms hashing function, more so on a busy machine).
 */
const minWarmUpRate = 48
const warmUpGrowingShare = 0.8
/** ... and must have lasted this many calls: on a busy machine warm-up lasted ~1,100 calls. */
const warmUpCalls = 2048
/** Fewest equal windows that can show a costly function clean by their median. */
const minFlatWindows = 12

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
  const count = Math.max(minFlatWindows, Math.ceil((last - baseline) / 2))
  const from = last - count
  if (from < baseline || (settings.foreignFrees && from === baseline)) return undefined
  const lengths: number[] = []
  const growths: number[] = []
  for (let index = from + 1; index <= last; index++) {
    lengths.push(series.iteration(index) - series.iteration(index - 1))
    growths.push(growthBetween(series, index - 1, index, settings.threshold))
  }
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
  const largestStep = Math.max(0, ...growths)
  const resolution = Math.max((2.5 * flatWindowBytes) / length, (5 * largestStep) / series.iteration(last))
  if (resolution > Math.max(settings.acceptResolution, 24)) return undefined
  const calls = series.iteration(last) - series.iteration(from)
  return {
    verdict: 'clean',
    bytesPerIteration: Math.max(0, growthBetween(series, from, last, settings.threshold) / calls),
    resolution,
    reason:
      `no leak >= ${formatResolution(resolution)} B/call: ${flat} of the last ${count} windows ` +
      `(${calls.toLocaleString('en-US')} calls) retained nothing`,
  }
}

/** Windows between samples `from` and `to` that grew by more than the granule. */
function grewBeyond(series: SampleSeries, from: number, to: number, settings: JudgeSettings): number {
  let grew = 0
  for (let index = from + 1; index <= to; index++) {
    if (growthBetween(series, index - 1, index, settings.threshold) > settings.granuleBytes) grew++
  }
  return grew
}

function judgeGrowth(series: SampleSeries, baseline: number, settings: JudgeSettings): Judgement {
  const last = series.length - 1
  const total = series.iteration(last) - series.iteration(baseline)
  // The span: the last half of the calls, and at least three windows.
  let from = last - 1
  while (from > baseline && series.iteration(last) - series.iteration(from) < total / 2) from--
  from = Math.min(from, last - 3)
  const latest = growthBetween(series, last - 1, last, settings.threshold)
  const growing = latest > settings.granuleBytes
  if (from < baseline) {
    const rate = Math.max(0, growthBetween(series, baseline, last, settings.threshold) / Math.max(1, total))
    return undecided(rate, growing, 'not enough windows measured yet')
  }
  const calls = series.iteration(last) - series.iteration(from)
  const growth = growthBetween(series, from, last, settings.threshold)
  const rate = Math.max(0, growth / calls)
  // Memory that dropped this much within the span can rise as much again without anything leaking
  // (sockets, pools, timer lists), so a leak must outgrow its swings. Before the span one drop may be
  // the runner freeing what it held for earlier tests, or a leaking store moving once: a function
  // that swings again and again (jsdom, by ~100 KB) shows it by its second largest drop there.
  const swings = 4 * Math.max(largestDrop(series, from, last), secondLargestDrop(series, baseline + 1, last))
  if (growth <= Math.max(settings.minLeakBytes, swings)) {
    return undecided(
      rate,
      growing,
      growth > settings.granuleBytes ? 'memory grew, but not beyond noise yet' : 'memory did not grow',
    )
  }
  // A leak grows in most windows; one-off growth (JIT metadata, an engine table resized now and
  // then) shows in a few and sums up over many windows.
  let grew = 0
  for (let index = from + 1; index <= last; index++) {
    if (growthBetween(series, index - 1, index, settings.threshold) > 0) grew++
  }
  // Over a few (long) windows, each must grow by more than a clean function's swings can: timer
  // lists and pools rise for thousands of calls before they level off.
  const windows = last - from
  if (windows <= 4) {
    for (let index = from + 1; index <= last; index++) {
      if (growthBetween(series, index - 1, index, settings.threshold) <= settings.minWindowBytes) {
        return undecided(rate, growing, 'memory grew, but not in every window beyond noise')
      }
    }
  } else if (calls / windows < shortWindowCalls && rate < minShortWindowRate) {
    // Short windows (costly calls) see the few bytes per call an engine or a runner keeps while it
    // warms up (inline caches, an assertion library's state) for thousands of calls: too little to
    // call a leak there. Long windows see such growth end.
    return undecided(rate, growing, 'memory grew by a few bytes per call, too little to tell from warm-up')
  } else if (grew < growingShareNeeded(settings, calls / windows, total, rate) * windows) {
    return undecided(rate, growing, 'memory grew in too few windows to be steady')
  }
  if (!growsSteadily(series, from, last, settings))
    return undecided(rate, growing, 'memory grew, but not steadily')
  if (total < settings.minLeakCalls)
    return undecided(rate, growing, 'memory grew steadily, but over too few calls yet')
  if (calls / windows < shortWindowCalls && rate < minWarmUpRate && total < warmUpCalls)
    return undecided(
      rate,
      growing,
      'memory grew slowly, as a costly function warming up does in its first thousands of calls',
    )
  return {
    verdict: 'leaking',
    bytesPerIteration: rate,
    from,
    reason: `memory grew steadily over the last ${calls.toLocaleString('en-US')} calls (${last - from} windows)`,
  }
}

function growingShareNeeded(
  settings: JudgeSettings,
  windowCalls: number,
  total: number,
  rate: number,
): number {
  const warmingUp = windowCalls < shortWindowCalls && total < shortWindowCalls && rate < minWarmUpRate
  return warmingUp ? Math.max(settings.minGrowingShare, warmUpGrowingShare) : settings.minGrowingShare
}

/**
 * Both halves of the span grow at a comparable rate: a filling cache slows down. Over many short
 * windows of equal length (a costly function), the typical window of each half (the median rate)
 * may show it too, so that one jump (a backing store moving to large-object space) does not hide a
 * steady leak; growth in steps only (a number array's backing store) is judged by the totals.
 */
function growsSteadily(series: SampleSeries, from: number, last: number, settings: JudgeSettings): boolean {
  const calls = series.iteration(last) - series.iteration(from)
  let middle = from + 1
  while (middle < last - 1 && series.iteration(middle) - series.iteration(from) < calls / 2) middle++
  const comparable = (first: number, second: number) =>
    first > 0 && second > 0 && Math.min(first, second) * settings.maxRateDrop >= Math.max(first, second)
  const rateOver = (a: number, b: number) =>
    growthBetween(series, a, b, settings.threshold) / (series.iteration(b) - series.iteration(a))
  if (comparable(rateOver(from, middle), rateOver(middle, last))) return true
  const shortWindows = calls / (last - from) < shortWindowCalls
  return (
    shortWindows &&
    middle - from >= 3 &&
    last - middle >= 3 &&
    comparable(
      medianWindowRate(series, from, middle, settings.threshold),
      medianWindowRate(series, middle, last, settings.threshold),
    )
  )
}

function medianWindowRate(series: SampleSeries, from: number, to: number, threshold: number): number {
  const rates: number[] = []
  for (let index = from + 1; index <= to; index++) {
    rates.push(
      growthBetween(series, index - 1, index, threshold) /
        (series.iteration(index) - series.iteration(index - 1)),
    )
  }
  rates.sort((a, b) => a - b)
  const half = rates.length >> 1
  return rates.length % 2 ? rates[half]! : (rates[half - 1]! + rates[half]!) / 2
}

function undecided(rate: number, growing: boolean, reason: string): Judgement {
  return { verdict: 'undecided', bytesPerIteration: rate, growing, reason }
}

/** `0.4`, `6`, `24`: one decimal below 10 B/call, whole bytes above. */
function formatResolution(bytesPerCall: number): string {
  return bytesPerCall < 10
    ? (Math.ceil(bytesPerCall * 10) / 10).toString()
    : Math.ceil(bytesPerCall).toString()
}
