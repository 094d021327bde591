import type { SampleSeries } from './sample-series.js'

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

/**
 * Each window's growth between samples `from` and `to`, in order (`growthBetween` of each pair); a
 * window spans `stride` samples (2: windows merged in pairs).
 */
export function windowGrowths(
  series: SampleSeries,
  from: number,
  to: number,
  threshold = 0,
  stride = 1,
): number[] {
  const growths: number[] = []
  for (let index = from + stride; index <= to; index += stride)
    growths.push(growthBetween(series, index - stride, index, threshold))
  return growths
}

/** Each window's calls between samples `from` and `to`, in order. */
export function windowLengths(series: SampleSeries, from: number, to: number): number[] {
  const lengths: number[] = []
  for (let index = from + 1; index <= to; index++)
    lengths.push(series.iteration(index) - series.iteration(index - 1))
  return lengths
}

/**
 * Compiled code freed between samples `from` and `to` (0 when it grew). Optimised code keeps
 * metadata of up to ~1.5x its size in the heap, which goes with it: a window whose code dropped by
 * 6.5 KB grew ~9 KB less than the leak in it. Code that came and went within the span took its
 * metadata along, which the growth between the two samples already nets out.
 */
export function codeFreed(series: SampleSeries, from: number, to: number): number {
  return Math.max(0, series.code(from) - series.code(to))
}

/**
 * Compiled code made between samples `from` and `to` (0 when it shrank): growth of about its size,
 * or up to twice it, is the metadata that came with it (the JIT tiering up), not a leak.
 */
export function codeGrown(series: SampleSeries, from: number, to: number): number {
  return Math.max(0, series.code(to) - series.code(from))
}

/** The most compiled code grew at any sample after `from` up to `to`, over its level at `from` (0 if never). */
export function codePeak(series: SampleSeries, from: number, to: number): number {
  let peak = 0
  for (let index = from + 1; index <= to; index++)
    peak = Math.max(peak, series.code(index) - series.code(from))
  return peak
}

/** Share of the windows between samples `from` and `to` in which compiled code moved by more than `bytes`. */
export function codeMovingShare(series: SampleSeries, from: number, to: number, bytes: number): number {
  if (to <= from) return 0
  let moving = 0
  for (let index = from + 1; index <= to; index++)
    if (Math.abs(series.code(index) - series.code(index - 1)) > bytes) moving++
  return moving / (to - from)
}

/**
 * Growth between samples `from` and `to` that compiled code does not explain: less up to twice the
 * code made, plus 1.5x the code freed (its metadata went with it). A store's step shows through a
 * JIT jump in its window, and a drop after it that was the JIT's does not cancel it (a 1 ms function
 * leaking 16 B/call stepped +8.9 KB, then dropped 10.5 KB with 7.4 KB of code).
 */
export function growthBesideCode(series: SampleSeries, from: number, to: number, threshold = 0): number {
  // Code freed that the window before made is a JIT jump across two windows, its metadata discounted
  // there: no room for a step (log-scan-0.1ms grew +9.5 KB with 12 KB of code, then +4.7 KB with
  // 6.6 KB freed, which read as a 14.6 KB step and displaced the real one in a staircase).
  const justMade = from > 0 ? codeGrown(series, from - 1, from) : 0
  return (
    growthBetween(series, from, to, threshold) -
    2 * codeGrown(series, from, to) +
    1.5 * Math.max(0, codeFreed(series, from, to) - justMade)
  )
}

/** The largest drop of a single window between samples `from` and `to` (0 when none dropped). */
export function largestDrop(series: SampleSeries, from: number, to: number): number {
  return largestDrops(series, from, to)[0]
}

/**
 * The largest drop of a single window between samples `from` and `to`, less what the window just
 * before it had allocated: memory given back right after it came is a spike (JIT metadata of code
 * compiled concurrently and dropped again, +150 KB and then -150 KB in a microsecond function's
 * first windows), not memory held from before that a leak's growth could hide behind. A spike that
 * rose before `spanFrom` and fell after it does hide growth in the span, so there it counts whole.
 */
export function largestDropBesideSpikes(
  series: SampleSeries,
  from: number,
  to: number,
  spanFrom: number,
): number {
  let largest = 0
  for (let index = from + 1; index <= to; index++) {
    const drop = -growthBetween(series, index - 1, index)
    const spiked = index >= 2 && (index <= spanFrom || index - 1 > spanFrom)
    const rise = spiked ? Math.max(0, growthBetween(series, index - 2, index - 1)) : 0
    largest = Math.max(largest, drop - rise)
  }
  return largest
}

/**
 * Each window's rise between samples `from` and `to`, as far as memory stayed up after it: a spike
 * that came back down is a swing (the drops count those), a jump that stayed is one-off growth.
 */
export function lastingRises(series: SampleSeries, from: number, to: number): number[] {
  const lasting = new Array<number>(Math.max(0, to - from)).fill(0)
  let lowestAfter = Number.POSITIVE_INFINITY
  for (let index = to; index > from; index--) {
    lowestAfter = Math.min(lowestAfter, growthBetween(series, from, index))
    const rise = growthBetween(series, index - 1, index)
    const stayed = lowestAfter - growthBetween(series, from, index - 1)
    lasting[index - from - 1] = Math.max(0, Math.min(rise, stayed))
  }
  return lasting
}

/** The largest of `lastingRises` (0 when nothing rose). */
export function largestLastingRise(series: SampleSeries, from: number, to: number): number {
  return Math.max(0, ...lastingRises(series, from, to))
}

/** The second largest drop of a single window between samples `from` and `to` (0 when fewer dropped). */
export function secondLargestDrop(series: SampleSeries, from: number, to: number): number {
  return largestDrops(series, from, to)[1]
}

function largestDrops(series: SampleSeries, from: number, to: number): [number, number] {
  let largest = 0
  let second = 0
  for (const growth of windowGrowths(series, from, to)) {
    const drop = -growth
    if (drop > largest) {
      second = largest
      largest = drop
    } else if (drop > second) second = drop
  }
  return [largest, second]
}
