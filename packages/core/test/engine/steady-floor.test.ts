import { describe, expect, test } from 'vitest'
import type { JudgeSettings } from '../../src/engine/judgement.js'
import { SampleSeries } from '../../src/engine/sample-series.js'
import { findSteadyFloor } from '../../src/engine/steady-floor.js'

const settings: JudgeSettings = {
  threshold: 0,
  granuleBytes: 2048,
  acceptResolution: 8,
  floorResolution: 8,
  foreignFrees: false,
  costly: true,
  minLeakCalls: 200,
  enoughLeakBytes: 16 * 1024 * 1024,
  minLeakBytes: 12 * 1024,
  minGrowingShare: 0.5,
  minWindowBytes: 16 * 1024,
  maxRateDrop: 2,
}

/** Equal windows of `calls` each after a first sample at call 10; memory `level(window)` after each. */
function series(windows: number, calls: number, level: (window: number) => number): SampleSeries {
  const result = new SampleSeries(windows + 1)
  for (let window = 0; window <= windows; window++) result.push(10 + window * calls, 1e7 + level(window), 0)
  return result
}

/** A cache of 50 results that is cleared when full, sampled every 15 calls (json-1ms-sawtooth). */
const sawtooth = (window: number) => ((window * 15) % 50) * 600

describe('findSteadyFloor', () => {
  test('a sawtooth is clean by its floors, though its swings are larger than a leak would add', () => {
    const clean = findSteadyFloor(series(48, 15, sawtooth), 0, settings, 8)
    expect(clean?.verdict).toBe('clean')
    expect(clean?.resolution).toBeLessThanOrEqual(8)
    expect(clean?.reason).toMatch(/lowest point held steady over the last 720 calls/)
  })

  test('a sample that is not a number (read past the series) gives no clean verdict', () => {
    const clean = findSteadyFloor(
      series(48, 15, (window) => (window === 40 ? Number.NaN : sawtooth(window))),
      0,
      settings,
      8,
    )
    expect(clean).toBeUndefined()
  })

  test('a sawtooth in short windows, dropping in one window of six, is clean by its floors too', () => {
    // json-1ms-sawtooth in windows of 8 calls (a plain Node process, whose full GCs are quick).
    const clean = findSteadyFloor(
      series(96, 8, (w) => ((w * 8) % 50) * 600),
      0,
      settings,
      8,
    )
    expect(clean?.resolution).toBeLessThanOrEqual(8)
  })

  test('a buffer that comes and goes every other window is clean (a hash function in V8)', () => {
    const clean = findSteadyFloor(
      series(60, 13, (w) => (w % 2) * 4520),
      0,
      settings,
      8,
    )
    expect(clean?.resolution).toBeLessThanOrEqual(8)
  })

  test('a leak of 10 B/call under a sawtooth raises its floors: no clean verdict it would rule out', () => {
    const leaking = series(60, 15, (w) => sawtooth(w) + w * 15 * 10)
    expect(findSteadyFloor(leaking, 0, settings, 8)).toBeUndefined()
    // What it may claim is always coarser than the leak.
    const coarse = findSteadyFloor(leaking, 0, settings, 1000)
    expect(coarse?.resolution).toBeGreaterThan(10)
  })

  test('a leak into a number array grows in capacity steps: the bound covers its rate', () => {
    let judged = 0
    // 8 B per call into an array whose backing store grows x1.5 + 16 when full.
    const storeBytes = (calls: number) => {
      let capacity = 16
      while (capacity < calls) capacity = Math.floor(capacity * 1.5) + 16
      return capacity * 8
    }
    const stairs = series(80, 15, (w) => sawtooth(w) + storeBytes(10 + w * 15))
    for (let windows = 16; windows <= 80; windows++) {
      const prefix = new SampleSeries(windows + 1)
      for (let index = 0; index <= windows; index++)
        prefix.push(stairs.iteration(index), stairs.heap(index), stairs.external(index))
      const clean = findSteadyFloor(prefix, 0, settings, 1000)
      if (clean) expect(clean.resolution).toBeGreaterThan(8)
      if (clean) judged++
    }
    expect(judged).toBeGreaterThan(0)
  })

  test('a leak that grows in nearly every window is not a swinging function, one drop or not', () => {
    // log-scan-1ms-every-10th-call: ~290 B a window, one window where a store moved.
    const steady = series(36, 22, (w) => w * 290 - (w >= 18 ? 9088 : 0))
    expect(findSteadyFloor(steady, 0, settings, 1000)).toBeUndefined()
  })

  test("what the check's first window freed is no swing", () => {
    // log-scan-1ms-every-10th-call, measured (a first check): ~15 B/call, windows of 25 calls; the
    // first three windows freed what was held before, and one more window dropped. Was clean at 29 B/call.
    const growths = [
      -156792, -10264, -920, 416, 288, 432, 416, 432, -1160, 432, 408, 528, 288, 432, 288, 3096,
    ]
    const measured = series(16, 25, (w) => growths.slice(0, w).reduce((sum, growth) => sum + growth, 0))
    expect(findSteadyFloor(measured, 0, { ...settings, floorResolution: 32 }, 32)).toBeUndefined()
  })

  test('a floor that fell proves nothing: memory freed meanwhile can hide a leak', () => {
    // 20 B per call, and 60 KB freed halfway: no claim may rule out the 20 B/call.
    const freed = series(40, 15, (w) => sawtooth(w) + w * 15 * 20 - (w >= 20 ? 60_000 : 0))
    expect(findSteadyFloor(freed, 0, settings, 20)).toBeUndefined()
  })

  test('a last window cut short by the deadline is a low point like any other', () => {
    const result = new SampleSeries(50)
    for (let window = 0; window <= 48; window++) result.push(10 + window * 15, 1e7 + sawtooth(window), 0)
    result.push(10 + 48 * 15 + 3, 1e7 + sawtooth(48) + 1800, 0)
    expect(findSteadyFloor(result, 0, settings, 8)?.verdict).toBe('clean')
  })

  test('windows of unequal length are left to the other rules', () => {
    const result = new SampleSeries(41)
    for (let window = 0, calls = 10; window <= 40; window++, calls += window % 2 ? 10 : 30)
      result.push(calls, 1e7 + sawtooth(window), 0)
    expect(findSteadyFloor(result, 0, settings, 1000)).toBeUndefined()
  })

  test('with other code freeing memory (async), the first window starts no span', () => {
    const toggling = series(16, 15, (w) => (w % 2) * 4520)
    expect(findSteadyFloor(toggling, 0, settings, 1000)).toBeDefined()
    expect(findSteadyFloor(toggling, 0, { ...settings, foreignFrees: true }, 1000)).toBeUndefined()
  })
})
