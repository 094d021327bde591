import type { JudgeSettings } from './judgement.js'
import type { SampleSeries } from './sample-series.js'
import { growthBetween, windowGrowths, windowLengths } from './series-growth.js'

/** Share of a costly sync function's windows that must grow by a quarter of the median or more. */
const nearlyEveryWindow = 0.75

/**
 * A synchronous function's leak adds about the same bytes to every window of equal calls (a full GC
 * leaves nothing else behind), so nearly every window of the span grows by a good part of the median
 * window's growth (one window may jump as a store moves).
 * A big library that warms up grows in bursts instead: jsdom's render-and-remove grew by 61, 36, 42
 * and 34 KB in four of seven windows and dropped or stood still in the others (60 B/call over 2,500
 * calls, a false leak on a busy machine) before it settled into swings of ±200 KB.
 */
export function growsInNearlyEveryWindow(growths: number[]): boolean {
  const part = median(growths) / 4
  return growths.filter((growth) => growth > part).length >= nearlyEveryWindow * growths.length
}

/**
 * Both halves of the span grow at a comparable rate: a filling cache slows down. Over many short
 * windows of equal length (a costly function), the typical window of each half (the median rate)
 * may show it too, so that one jump (a backing store moving to large-object space) does not hide a
 * steady leak; growth in steps only (a number array's backing store) is judged by the totals.
 */
export function growsSteadily(
  series: SampleSeries,
  baseline: number,
  from: number,
  last: number,
  shortWindows: boolean,
  settings: JudgeSettings,
): boolean {
  const calls = series.iteration(last) - series.iteration(from)
  let middle = from + 1
  while (middle < last - 1 && series.iteration(middle) - series.iteration(from) < calls / 2) middle++
  const comparable = (first: number, second: number) =>
    first > 0 && second > 0 && Math.min(first, second) * settings.maxRateDrop >= Math.max(first, second)
  const rateOver = (a: number, b: number) =>
    growthBetween(series, a, b, settings.threshold) / (series.iteration(b) - series.iteration(a))
  if (comparable(rateOver(from, middle), rateOver(middle, last))) return true
  if (
    shortWindows &&
    middle - from >= 3 &&
    last - middle >= 3 &&
    comparable(
      medianWindowRate(series, from, middle, settings.threshold),
      medianWindowRate(series, middle, last, settings.threshold),
    )
  )
    return true
  // A hash table that leaks doubles once in every doubling of the calls, which the halves of the
  // span need not share alike (a Map of small records, half of its growth its table's: 3.7 MB at
  // 131,072 entries, then only 1.2 MB of records per window, until the retained cap). From N/4 to N/2
  // calls and from N/2 to N, each holds one doubling. (Long windows only: short ones have the medians.)
  if (shortWindows || from <= baseline) return false
  let before = from - 1
  while (before > baseline && series.iteration(before) > series.iteration(from) / 2) before--
  return comparable(rateOver(before, from), rateOver(from, last))
}

function medianWindowRate(series: SampleSeries, from: number, to: number, threshold: number): number {
  const lengths = windowLengths(series, from, to)
  return median(windowGrowths(series, from, to, threshold).map((growth, window) => growth / lengths[window]!))
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const half = sorted.length >> 1
  return sorted.length % 2 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2
}
