import { describe, expect, test } from 'vitest'
import { SampleSeries } from '../../src/engine/sample-series.js'
import {
  codeMovingShare,
  codePeak,
  growthBesideCode,
  growthBetween,
  largestDrop,
  largestDropBesideSpikes,
  largestLastingRise,
  secondLargestDrop,
  windowGrowths,
  windowLengths,
} from '../../src/engine/series-growth.js'

/** A series from [calls, heap, external] samples. */
function series(...samples: [number, number, number][]): SampleSeries {
  const result = new SampleSeries(samples.length)
  for (const [calls, heap, external] of samples) result.push(calls, heap, external)
  return result
}

/** A series from [calls, heap, code] samples. */
function withCode(points: [number, number, number][]): SampleSeries {
  const result = new SampleSeries(points.length)
  for (const [calls, heap, code] of points) result.push(calls, heap, 0, code)
  return result
}

describe('growthBetween', () => {
  test('counts heap growth, less the threshold per call', () => {
    const s = series([0, 1000, 0], [100, 6000, 0])
    expect(growthBetween(s, 0, 1)).toBe(5000)
    expect(growthBetween(s, 0, 1, 10)).toBe(4000)
  })

  test("external memory counts only beyond the Buffer pool's 8 KB step", () => {
    expect(growthBetween(series([0, 0, 0], [10, 0, 8192]), 0, 1)).toBe(0)
    expect(growthBetween(series([0, 0, 0], [10, 0, 20_000]), 0, 1)).toBe(20_000)
  })

  test('freed external memory never offsets heap growth (it is released lazily, for earlier calls)', () => {
    expect(growthBetween(series([0, 0, 50_000], [10, 30_000, 0]), 0, 1)).toBe(30_000)
  })
})

describe('largestDrop and secondLargestDrop', () => {
  const s = series([0, 0, 0], [10, 5000, 0], [20, 1000, 0], [30, 9000, 0], [40, 2000, 0], [50, 1500, 0])

  test('rank the single-window drops between two samples', () => {
    expect(largestDrop(s, 0, 5)).toBe(7000)
    expect(secondLargestDrop(s, 0, 5)).toBe(4000)
  })

  test('look only within the samples asked for', () => {
    expect(largestDrop(s, 0, 3)).toBe(4000)
    expect(secondLargestDrop(s, 0, 3)).toBe(0)
  })

  test('are 0 when nothing dropped', () => {
    const rising = series([0, 0, 0], [10, 100, 0], [20, 200, 0])
    expect(largestDrop(rising, 0, 2)).toBe(0)
    expect(secondLargestDrop(rising, 0, 2)).toBe(0)
  })
})

describe('largestDropBesideSpikes', () => {
  // Windows: +5,000, -4,000, +8,000, -7,000, -500.
  const s = series([0, 0, 0], [10, 5000, 0], [20, 1000, 0], [30, 9000, 0], [40, 2000, 0], [50, 1500, 0])

  test('a drop that gives back the window before it counts only beyond that rise', () => {
    expect(largestDrop(s, 0, 5)).toBe(7000)
    expect(largestDropBesideSpikes(s, 0, 5, 0)).toBe(500)
  })

  test('a drop just before the span gives back a rise before it', () => {
    expect(largestDropBesideSpikes(s, 3, 5, 4)).toBe(500)
  })

  test("a spike that rose before the span and fell in it counts whole: it hides the span's growth", () => {
    expect(largestDropBesideSpikes(s, 3, 5, 3)).toBe(7000)
    expect(largestDropBesideSpikes(s, 1, 5, 1)).toBe(4000)
  })
})

describe('largestLastingRise', () => {
  test('is the largest jump of one window that memory stayed up after', () => {
    const jumped = series([0, 0, 0], [10, 1000, 0], [20, 9000, 0], [30, 9500, 0], [40, 8700, 0])
    expect(largestLastingRise(jumped, 0, 4)).toBe(8000 - 300)
  })
  test('counts of a spike only what did not come back down', () => {
    const spiked = series([0, 0, 0], [10, 1000, 0], [20, 9000, 0], [30, 1500, 0], [40, 2000, 0])
    expect(largestLastingRise(spiked, 0, 4)).toBe(1000)
  })
  test("is a last window's whole rise, and 0 when nothing rose", () => {
    expect(largestLastingRise(series([0, 0, 0], [10, 500, 0], [20, 7000, 0]), 0, 2)).toBe(6500)
    expect(largestLastingRise(series([0, 5000, 0], [10, 4000, 0], [20, 3000, 0]), 0, 2)).toBe(0)
  })
})

describe('windowGrowths and windowLengths', () => {
  test("each window's growth (less the threshold) and calls, in order", () => {
    const s = series([0, 0, 0], [10, 500, 0], [30, 200, 0], [60, 900, 0])
    expect(windowGrowths(s, 0, 3)).toEqual([500, -300, 700])
    expect(windowGrowths(s, 1, 3, 10)).toEqual([-500, 400])
    expect(windowLengths(s, 0, 3)).toEqual([10, 20, 30])
  })
})

describe('growthBesideCode', () => {
  test('growth that came with compiled code counts less twice the code', () => {
    const series = withCode([
      [0, 1e7, 1e6],
      [100, 1e7 + 30_000, 1e6 + 10_000],
    ])
    expect(growthBesideCode(series, 0, 1)).toBe(10_000)
  })

  test('a drop that went with code freed gives back the code, not growth before it', () => {
    // A store's step of +8.9 KB, then -10.5 KB with 7.4 KB of code freed (measured at 1 ms per call).
    const series = withCode([
      [0, 1e7, 1e6],
      [37, 1e7 + 8888, 1e6],
      [74, 1e7 + 8888 - 10_528, 1e6 - 7360],
    ])
    expect(growthBesideCode(series, 0, 2)).toBe(8888 - 10_528 + 1.5 * 7360)
    expect(growthBesideCode(series, 0, 1)).toBe(8888)
  })
})

describe('growthBesideCode across windows', () => {
  test('code freed that the window before made gives back nothing: its metadata was counted there', () => {
    const series = withCode([
      [0, 1e7, 1e6],
      [143, 1e7 + 9456, 1e6 + 12_032],
      [286, 1e7 + 9456 + 4688, 1e6 + 12_032 - 6592],
    ])
    expect(growthBesideCode(series, 1, 2)).toBe(4688)
    expect(growthBesideCode(series, 0, 2)).toBe(9456 + 4688 - 2 * (12_032 - 6592))
  })
})

describe('codeMovingShare', () => {
  test('the share of windows in which compiled code moved either way by more than the bytes given', () => {
    const series = withCode([
      [0, 1e7, 1e6],
      [10, 1e7, 1e6 + 4096],
      [20, 1e7, 1e6 + 4096 + 512],
      [30, 1e7, 1e6 - 2048],
      [40, 1e7, 1e6 - 2048],
    ])
    expect(codeMovingShare(series, 0, 4, 1024)).toBe(0.5)
    expect(codeMovingShare(series, 1, 2, 1024)).toBe(0)
    expect(codeMovingShare(series, 0, 4, 256)).toBe(0.75)
  })
})

describe('codePeak', () => {
  test('the most compiled code grew at any sample of the span, over its level at the start', () => {
    const series = withCode([
      [0, 1e7, 1e6],
      [10, 1e7, 1e6 + 96_000],
      [20, 1e7, 1e6 + 135_000],
      [30, 1e7, 1e6 + 106_000],
    ])
    expect(codePeak(series, 0, 3)).toBe(135_000)
    expect(codePeak(series, 2, 3)).toBe(0)
  })
})
