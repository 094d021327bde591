import { formatCount } from '../runtime/format-count.js'
import { formatResolution } from './format-resolution.js'
import type { Judgement, JudgeSettings } from './judgement.js'
import type { SampleSeries } from './sample-series.js'
import { growthBetween, windowGrowths, windowLengths } from './series-growth.js'

/** Parts a span is cut into, each judged by its lowest sample. */
const parts = 4
/** Fewest windows in a part: its lowest sample must find the bottom of a swing. */
const minPartWindows = 4
/**
 * Share of a span's windows that must have dropped (by more than `dropBytes`) for it to swing, each
 * part at least once: a cache of 50 results cleared when full, in windows of 8 calls of 1 ms, drops
 * in 16% of them, and its floors are as good as with longer windows.
 */
const minDropShare = 0.1
const dropBytes = 64

/**
 * Clean by the floor of a swinging function: the lowest memory of each quarter of a span of equal
 * windows. A cache that fills and is cleared (a sawtooth), a buffer that comes and goes every other
 * window, sockets and parsers on loopback: their peaks say nothing, but whatever a leak retains
 * raises every later low. The sum of a span's growth and drops (`findCleanSpan`) charges such a
 * function its whole swing; its floors swing far less.
 *
 * The slope from the first floor to the last, widened by how far the middle floors stray from that
 * line, bounds the leak per call. A floor that fell proves nothing (memory freed that the span did
 * not allocate can hide a leak), and a leak that grows in steps (a number array's backing store)
 * shows a step between quarters, which the straying floors charge to the bound.
 */
export function findSteadyFloor(
  series: SampleSeries,
  baseline: number,
  settings: JudgeSettings,
  acceptResolution: number,
): Extract<Judgement, { verdict: 'clean' }> | undefined {
  const last = series.length - 1
  for (let from = baseline; last - from >= parts * minPartWindows; from++) {
    // The runner may free what it held for the previous test during the first window (see findCleanSpan).
    if (settings.foreignFrees && from === baseline) continue
    const calls = series.iteration(last) - series.iteration(from)
    // As long as everything before it, so that a leak into a collection crosses one of its capacity steps.
    if (calls < series.iteration(from)) break
    // Equal windows, but for the last, which the deadline may have cut short: a low point all the same.
    const lengths = windowLengths(series, from, last)
    const longest = Math.max(...lengths)
    if (longest > 1.1 * Math.min(...lengths.slice(0, -1))) continue
    // Only a function that swings: a leak that grows in nearly every window and once moved its
    // store (one drop) keeps its floors close to its peaks, and is the leak rules' to judge.
    // Not counting the check's first window: what was held before the check is freed there (a
    // 1 ms function leaking 15 B/call swung only by that, and its floors stood for a 29 B/call bound).
    const counted = Math.max(from, baseline + 1)
    const drops = windowGrowths(series, counted, last).filter((growth) => growth < -dropBytes).length
    if (drops < minDropShare * (last - from)) continue
    const perPart = (last - from) / parts
    const partStart = (part: number) => from + Math.round(part * perPart)
    const swingsInEachPart = Array.from({ length: parts }, (_, part) =>
      windowGrowths(series, Math.max(partStart(part), counted), partStart(part + 1)).some(
        (growth) => growth < -dropBytes,
      ),
    ).every(Boolean)
    if (!swingsInEachPart) continue
    const floors: number[] = []
    const centres: number[] = []
    for (let part = 0; part < parts; part++) {
      const start = partStart(part)
      const end = partStart(part + 1)
      let floor = Number.POSITIVE_INFINITY
      for (let index = start; index <= end; index++)
        floor = Math.min(floor, growthBetween(series, from, index, settings.threshold))
      floors.push(floor)
      centres.push((series.iteration(start) + series.iteration(end)) / 2)
    }
    if (floors.some((floor, part) => part > 0 && floor < floors[part - 1]! - settings.granuleBytes)) continue
    const distance = centres[parts - 1]! - centres[0]!
    const slope = (floors[parts - 1]! - floors[0]!) / distance
    let stray = 0
    for (let part = 1; part < parts - 1; part++) {
      const onLine = floors[0]! + slope * (centres[part]! - centres[0]!)
      stray = Math.max(stray, Math.abs(floors[part]! - onLine))
    }
    const bound = slope + (2 * stray) / distance
    const resolution = 2.5 * Math.max(bound, settings.granuleBytes / calls)
    // (A NaN never passes for clean.)
    if (!(resolution <= acceptResolution)) continue
    return {
      verdict: 'clean',
      bytesPerIteration: Math.max(0, growthBetween(series, from, last, settings.threshold) / calls),
      resolution,
      reason:
        `no leak >= ${formatResolution(resolution)} B/call: memory swung, but its lowest point ` +
        `held steady over the last ${formatCount(calls)} calls (${last - from} windows)`,
    }
  }
  return undefined
}
