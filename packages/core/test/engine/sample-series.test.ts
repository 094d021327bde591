import { describe, expect, test } from 'vitest'
import { SampleSeries } from '../../src/engine/sample-series.js'

function filled(count: number): SampleSeries {
  const series = new SampleSeries(count)
  for (let i = 0; i < count; i++) series.push(10 + i * 100, 1000 + i, 2000 + i, 3000 + i)
  return series
}

describe('SampleSeries', () => {
  test('thinning keeps the first sample and every other one back from the latest', () => {
    for (const count of [8, 9]) {
      const series = filled(count)
      series.thin()
      const kept = Array.from({ length: series.length }, (_, i) => series.iteration(i))
      const expected = [10]
      for (let i = count % 2 === 1 ? 2 : 1; i < count; i += 2) expected.push(10 + i * 100)
      expect(kept).toEqual(expected)
      expect(series.iteration(series.length - 1)).toBe(10 + (count - 1) * 100)
      // Each kept sample keeps its own readings.
      const index = series.length - 1
      expect([series.heap(index), series.external(index), series.code(index)]).toEqual([
        1000 + count - 1,
        2000 + count - 1,
        3000 + count - 1,
      ])
      expect(series.full).toBe(false)
    }
  })

  test('windows of one length stay of one length, twice as long', () => {
    const series = filled(9)
    series.thin()
    const lengths = Array.from(
      { length: series.length - 2 },
      (_, i) => series.iteration(i + 2) - series.iteration(i + 1),
    )
    expect(new Set(lengths)).toEqual(new Set([200]))
  })

  test('a paired copy reads the samples from a point on in windows twice as long, leaving the series be', () => {
    const series = filled(10)
    const paired = series.pairedFrom(3)
    const kept = Array.from({ length: paired.length }, (_, i) => paired.iteration(i))
    expect(kept).toEqual([310, 510, 710, 910])
    expect([paired.heap(3), paired.external(3), paired.code(3)]).toEqual([1009, 2009, 3009])
    expect(series.length).toBe(10)
  })
})
