import { describe, expect, test } from 'vitest'
import { findExactSteps } from '../../src/engine/exact-steps.js'
import { judgeSeries } from '../../src/engine/judge-series.js'
import type { JudgeSettings } from '../../src/engine/judgement.js'
import { SampleSeries } from '../../src/engine/sample-series.js'
import { windowsOf } from './windows-of.js'

const settings: JudgeSettings = {
  threshold: 0,
  granuleBytes: 4096,
  acceptResolution: 8,
  floorResolution: 8,
  foreignFrees: true,
  costly: true,
  minLeakCalls: 180,
  enoughLeakBytes: 16 * 1024 * 1024,
  minLeakBytes: 96 * 1024,
  minGrowingShare: 0.6,
  minWindowBytes: 32 * 1024,
  maxRateDrop: 2,
}

/**
 * Measured: an async poll of 10 ms per call that keeps a 3-field record per call (poll-10ms-audit-
 * record), 8 calls a window: 384 B in most windows, other growth and one large drop elsewhere.
 */
const poll = [
  8232, 4048, 4072, 3912, 1160, 872, 2840, -3016, 856, 880, 384, 384, 384, 384, 384, 544, 936, -17032, 384,
  384, 384, 384, 384, 384, 384, 384, 384, 1432, 384, 3640, 424, 384, 384, 384, 384, 384, 432, 384, 680, 488,
]

describe('findExactSteps', () => {
  test('a costly async leak of 48 B/call grows by the same 384 B in most windows', () => {
    const steps = findExactSteps(windowsOf(8, poll), 0, settings)
    expect(steps).toMatchObject({ stepBytes: 384, windows: 20 })
    expect(steps?.stepped).toBeGreaterThanOrEqual(12)
  })

  test('judged leaking at once, where the warm-up rules wanted thousands of calls and 96 KB', () => {
    const judgement = judgeSeries(windowsOf(8, poll), 0, settings)
    expect(judgement.verdict).toBe('leaking')
    expect(judgement.reason).toMatch(
      /grew by the same ~384 bytes in \d+ of the last 20 windows \(160 calls\)/,
    )
  })

  test('not before the calls that tell it from a cache filling up', () => {
    expect(judgeSeries(windowsOf(8, poll), 0, { ...settings, minLeakCalls: 400 }).verdict).toBe('undecided')
  })

  test("a sawtooth's rising windows are equal steps too, but its drops take them back", () => {
    const sawtooth = Array.from({ length: 48 }, (_, window) => (window % 3 === 2 ? -2 * 9000 : 9000))
    expect(findExactSteps(windowsOf(15, sawtooth), 0, settings)).toBeUndefined()
  })

  test("a sawtooth's drops outweigh its steps though it warms up in jumps that stay", () => {
    // Measured: json-1ms-sawtooth (a cache of 50 results cleared when full) in windows of 8 calls, in a
    // plain Node process: +8 KB a window, -42 KB at each clear, and warm-up jumps that stayed (+36 KB
    // where a clear was due). Its span kept as much as its steps would have, and read as equal steps.
    const heaps = [
      0, 6520, 14584, 22648, 30712, -11840, -3512, 4472, 12744, 20928, 29088, 37512, -5344, 2720, 10992,
      19056, 31264, 39680, -3176, 4888, 13160, 21224, 29584, 38064, -4792, 3272, 11544, 19608, 27672, 41728,
      -968, 9992, 18056, 26328, 34464, 42528, 50904, 8048, 16160, 24432, 32544, 40776, 49168, 28696, 36760,
      45048, 81464, 89648, 98024,
    ]
    const sync = { ...settings, granuleBytes: 2048, foreignFrees: false, minLeakBytes: 12 * 1024 }
    const growths = heaps.slice(1).map((heap, window) => heap - heaps[window]!)
    expect(findExactSteps(windowsOf(8, growths), 0, sync)).toBeUndefined()
  })

  test('uneven growth (warm-up, bursts) has no step in most windows', () => {
    const bursts = Array.from(
      { length: 40 },
      (_, window) => [61_000, -3000, 36_000, 800, 42_000, 0][window % 6]!,
    )
    expect(findExactSteps(windowsOf(15, bursts), 0, settings)).toBeUndefined()
  })

  test('a record kept every 10th call steps once or twice a window of 16 calls', () => {
    // Measured under load: 1 ms log scans keeping a 144 B record every 10th call, windows of 16
    // calls: 144 or 288 B in turn, and a jump now and then. With one step a window at most, it was
    // called clean at 42-47 B/call after 9.5 s.
    const records = [144, 288, 144, 288, 2816, 288, 144, 288, 144, 408, 288, 144, 288, 144, 288, 288]
    const steps = findExactSteps(windowsOf(16, [...records, ...records]), 0, settings)
    expect(steps).toMatchObject({ stepBytes: 144, windows: 16 })
    expect(steps?.stepped).toBe(14)
  })

  test('a batch of such records flushed now and then steps, but keeps too little to be a leak', () => {
    // A record kept every 10th call, the batch flushed at 25 records: windows of 16 calls add 144 or
    // 288 B, and every ~16th window drops 3.6 KB. Whatever the phase, the span keeps under half its steps.
    for (let phase = 0; phase < 250; phase += 10) {
      const growths: number[] = []
      let records = 0
      for (let window = 0; window < 40; window++) {
        let growth = 0
        for (let call = phase + window * 16 + 1; call <= phase + (window + 1) * 16; call++) {
          if (call % 10 !== 0) continue
          growth += 144
          if (++records === 25) {
            growth -= 25 * 144
            records = 0
          }
        }
        growths.push(growth)
      }
      expect(findExactSteps(windowsOf(16, growths), 0, settings), `phase ${phase}`).toBeUndefined()
    }
  })

  test('growth that is no whole number of steps has none', () => {
    const uneven = Array.from({ length: 32 }, (_, window) => 144 + ((window * 53) % 7) * 41)
    expect(findExactSteps(windowsOf(16, uneven), 0, settings)).toBeUndefined()
  })

  test('steps below 64 B are left to the other rules', () => {
    expect(findExactSteps(windowsOf(8, Array(40).fill(48)), 0, settings)).toBeUndefined()
    expect(findExactSteps(windowsOf(8, Array(40).fill(96)), 0, settings)).toBeDefined()
  })

  test('a leak whose windows alternate between two growths steps in pairs of windows', () => {
    // Measured under load: hash-3ms-1kb-per-call keeps a 1,072 B array a call; windows of 8 calls grew
    // 8,160 and 8,992 B in turn, beside spikes of +-250 KB, and it was inconclusive after 9.5 s.
    const alternating = [
      8256, 9040, 8160, 8992, 8232, 8992, 8160, 8992, 253504, -236336, 233904, -210528, 7480, 8992, 8208,
      8992, 8160, 9064, 10512, 8992, 8160, 15856, 8160, 8992, 8160, 8992, 8160, 8992, 8160, 8992, 8160, 8992,
      8160, 8992, 8160, 8992, 8160, 8992, 8160, 7208, 10360, 8352, 8992, 8160, 8992, 8160, 8992, 8160, 8992,
      8160, 8992, 61328,
    ]
    const sync = {
      ...settings,
      granuleBytes: 2048,
      foreignFrees: false,
      minLeakBytes: 12 * 1024,
      minLeakCalls: 400,
    }
    const measured = windowsOf(8, alternating.slice(0, -1))
    const steps = findExactSteps(measured, 0, sync)
    expect(steps).toMatchObject({ stride: 2, windows: 16 })
    expect(Math.abs((steps?.stepBytes ?? 0) - 17_152)).toBeLessThan(17_152 / 64)
    const judgement = judgeSeries(measured, 0, sync)
    expect(judgement.verdict).toBe('leaking')
    expect(judgement.reason).toMatch(/grew by the same ~17\d{3} bytes in \d+ of the last 16 pairs of windows/)
  })

  test('windows of different lengths cannot step alike', () => {
    const result = new SampleSeries(41)
    for (let window = 0, calls = 10; window <= 40; window++, calls += window % 2 ? 8 : 16)
      result.push(calls, 1e7 + window * 384, 0)
    expect(findExactSteps(result, 0, settings)).toBeUndefined()
  })
})
