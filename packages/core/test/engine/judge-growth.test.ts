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

describe('judgeGrowth and compiled code', () => {
  test('growth of about what compiled code grew to at its peak is the JIT tiering up, no leak', () => {
    // Measured: jsdom's render-and-remove in a Jest worker, windows of 318 then 1,314 calls: 220 KB
    // over five windows while its code rose 135 KB and fell 29 KB again, judged leaking.
    const samples = [
      [10, 0, 0],
      [328, -102_384, 70_464],
      [646, -116_592, 80_320],
      [964, -74_016, 127_872],
      [1282, -48_072, 225_680],
      [1600, -13_464, 225_680],
      [2914, 103_056, 226_112],
      [4228, 85_984, 262_720],
      [5542, 151_536, 233_792],
    ]
    const series = new SampleSeries(samples.length)
    for (const [calls, heap, code] of samples) series.push(calls!, 4e7 + heap!, 0, 1e6 + code!)
    const jsdom = { ...cheapSync, costly: true, acceptResolution: 1.43, floorResolution: 1.43 }
    expect(judgeGrowth(series, 0, jsdom)).toMatchObject({
      verdict: 'undecided',
      reason: expect.stringContaining('compiled code did'),
    })
    // The same growth with the code standing still is a leak.
    const still = new SampleSeries(samples.length)
    for (const [calls, heap] of samples) still.push(calls!, 4e7 + heap!, 0, 1e6)
    expect(judgeGrowth(still, 0, jsdom).verdict).toBe('leaking')
  })
})
