import { describe, expect, test } from 'vitest'
import { judgeGrowth } from '../../src/engine/judge-growth.js'
import { SampleSeries } from '../../src/engine/sample-series.js'
import { cheapSync } from './judge-settings.js'

/** A Map leaking a small record per call: 32 B of record, and its table (28 B an entry) doubling. */
function mapLeak(calls: number): number {
  let capacity = 16
  while (capacity < calls) capacity *= 2
  return 32 * calls + 28 * capacity
}

describe('judgeGrowth', () => {
  test("a Map's leak is steady over doublings of the calls, though its table steps in one half", () => {
    // Geometric windows, then windows capped by the memory one may add (37,000 calls), as measured:
    // CI once saw this check inconclusive at the retained cap ("memory grew, but not steadily").
    const points = [10, 1034, 11_274, 34_950, 63_000, 100_000, 137_000, 174_000, 211_000]
    const series = new SampleSeries(points.length)
    for (const calls of points) series.push(calls, 1e7 + mapLeak(calls), 0)
    const judgement = judgeGrowth(series, 0, cheapSync)
    expect(judgement.verdict, judgement.reason).toBe('leaking')
  })
})
