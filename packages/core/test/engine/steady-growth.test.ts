import { describe, expect, test } from 'vitest'
import { growsInNearlyEveryWindow, growsSteadily } from '../../src/engine/steady-growth.js'
import { cheapSync } from './cheap-sync-settings.js'
import { windowsOf } from './windows-of.js'

describe('growsInNearlyEveryWindow', () => {
  test('a leak of fixed-size records grows by about the same in each window, one jump aside', () => {
    expect(growsInNearlyEveryWindow([1024, 1040, 1008, 9000, 1024, 1032, 1016, 1024])).toBe(true)
  })

  test("a big library warming up grows in bursts and stands still between them (jsdom's render-and-remove)", () => {
    expect(growsInNearlyEveryWindow([61_000, -3000, 36_000, 0, 42_000, -8000, 34_000])).toBe(false)
  })
})

describe('growsSteadily', () => {
  test('a leak keeps its rate in both halves of the span', () => {
    const series = windowsOf(1000, Array(8).fill(64_000))
    expect(growsSteadily(series, 0, 0, 8, false, cheapSync)).toBe(true)
  })

  test('a cache filling up slows down: its second half grows at under half the rate of the first', () => {
    const series = windowsOf(1000, [64_000, 56_000, 48_000, 40_000, 16_000, 8000, 4000, 2000])
    expect(growsSteadily(series, 0, 0, 8, false, cheapSync)).toBe(false)
  })

  test("short windows: one store's jump in the first half does not hide a leak's steady median rate", () => {
    const growths = [1024, 1024, 200_000, 1024, 1024, 1024, 1024, 1024, 1024, 1024]
    const series = windowsOf(16, growths)
    expect(growsSteadily(series, 0, 0, growths.length, true, cheapSync)).toBe(true)
    // The totals alone differ by far more than twice: long windows have no medians to look at.
    expect(growsSteadily(series, 0, 0, growths.length, false, cheapSync)).toBe(false)
  })
})
