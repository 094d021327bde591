import { describe, expect, test } from 'vitest'
import { judgeGrowth } from '../../src/engine/judge-growth.js'
import type { JudgeSettings } from '../../src/engine/judgement.js'
import { SampleSeries } from '../../src/engine/sample-series.js'
import { cheapSync } from './cheap-sync-settings.js'

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

describe('judgeGrowth and one-off jumps', () => {
  test('slow growth over many windows with one big jump at the end is no leak', () => {
    // Measured (the bench, a false leak): a new loopback HTTP connection per call, 0.44 ms, windows
    // of 16 calls. Memory rose ~50 B/call, ever slower, then +230 KB in the last window.
    const heaps = [
      0, 67776, 87048, 96984, 105808, 115600, 120000, 122800, 125824, 129976, 127936, 131192, 131496, 129864,
      130624, 133744, 133744, 133744, 136664, 140880, 138624, 141520, 142152, 139392, 142288, 142096, 140376,
      140376, 142504, 140376, 141712, 144752, 148416, 151304, 149008, 156592, 153816, 158984, 158008, 163248,
      155232, 155896, 159664, 157640, 161232, 162872, 160840, 162872, 178480, 171408, 170256, 168304, 166552,
      163968, 167152, 167656, 168376, 164512, 167288, 168608, 168128, 167960, 176232, 172632, 171864, 174904,
      172480, 177072, 180320, 186264, 181104, 179080, 182664, 188192, 183824, 185488, 182144, 195080, 200392,
      202464, 193056, 196368, 193280, 193280, 200080, 197952, 202824, 197440, 197880, 201632, 198688, 203632,
      206120, 219976, 199320, 205488, 201688, 202912, 203600, 205208, 205016, 209736, 203704, 206488, 202896,
      207696, 212952, 213312, 214120, 216904, 213312, 219480, 218112, 216320, 216672, 219456, 215904, 219656,
      255896, 221208, 225664, 220392, 252512, 486952,
    ]
    const loopback = {
      ...cheapSync,
      granuleBytes: 4096,
      acceptResolution: 14.4,
      floorResolution: 14.4,
      foreignFrees: true,
      costly: true,
      minLeakCalls: 1772,
      minLeakBytes: 96 * 1024,
      minGrowingShare: 0.6,
      minWindowBytes: 32 * 1024,
    }
    const series = new SampleSeries(heaps.length)
    for (const [window, heap] of heaps.entries()) series.push(10 + 16 * window, 1.88e7 + heap, 2.6e6)
    expect(judgeGrowth(series, 0, loopback)).toMatchObject({
      verdict: 'undecided',
      reason: 'memory grew, but not beyond noise yet',
    })
    // A leak of that size in every window is one.
    const leak = new SampleSeries(heaps.length)
    for (const [window, heap] of heaps.entries())
      leak.push(10 + 16 * window, 1.88e7 + heap + 3200 * window, 2.6e6)
    expect(judgeGrowth(leak, 0, loopback).verdict).toBe('leaking')
  })
})

describe('judgeGrowth and leaks that swing', () => {
  test('a leak far faster than any warm-up is one though it grows in bursts', () => {
    // Measured: a jsdom listener per render (415 B/call, 0.1 ms), windows of 75 calls swinging by
    // +-100-290 KB: it grew in two thirds of them, and was inconclusive after 9.5 s.
    const heaps = [
      0, -61568, 47872, 332784, 189472, 271600, 347424, 322096, 277568, 391568, 449296, 492904, 409384,
      508168, 571976, 550760, 659040, 661048, 710064, 829608, 814712, 846032, 763688, 837984, 851888, 1102632,
    ]
    const series = new SampleSeries(heaps.length)
    for (const [window, heap] of heaps.entries()) series.push(10 + 75 * window, 2e7 + heap, 0)
    const jsdom = {
      ...cheapSync,
      costly: true,
      acceptResolution: 2.4,
      floorResolution: 20,
      minLeakCalls: 1500,
    }
    expect(judgeGrowth(series, 0, jsdom).verdict).toBe('leaking')
    // The same bursts at a warm-up's pace are not.
    const slow = new SampleSeries(heaps.length)
    for (const [window, heap] of heaps.entries()) slow.push(10 + 750 * window, 2e7 + heap, 0)
    expect(judgeGrowth(slow, 0, jsdom)).toMatchObject({
      verdict: 'undecided',
      reason: expect.stringContaining('bursts'),
    })
  })
})

describe('judgeGrowth and a leak that awaits calls', () => {
  // Measured: a 1 ms deflate keeping 1 KB a call, windows of 12 calls, each +12,864 B.
  const deflate: JudgeSettings = { ...cheapSync, costly: true, acceptResolution: 4, floorResolution: 4 }
  function exactSteps(windows: number): SampleSeries {
    const series = new SampleSeries(windows + 1)
    for (let window = 0; window <= windows; window++) series.push(10 + 12 * window, 4e7 + 12_864 * window, 0)
    return series
  }

  test('exact steps over too few calls wait for them, and say so to the plan', () => {
    const judgement = judgeGrowth(exactSteps(20), 0, { ...deflate, minLeakCalls: 1170 })
    expect(judgement).toMatchObject({ verdict: 'undecided', awaiting: 'calls' })
    expect(judgement.reason).toContain('too few calls yet to tell a leak from a cache filling up')
  })

  test('the same steps over enough calls are a leak', () => {
    expect(judgeGrowth(exactSteps(20), 0, { ...deflate, minLeakCalls: 200 }).verdict).toBe('leaking')
  })

  test('steps in most windows only (a record kept every 10th call) await nothing', () => {
    // Measured: 1 ms log scans keeping a 144 B record every 10th call, windows of 8 calls: 144 B in
    // four windows of five. Windows twice as long grew by 144 or 288 B: no exact step any more.
    const series = new SampleSeries(41)
    let heap = 4e7
    for (let window = 0; window <= 40; window++) {
      series.push(10 + 8 * window, heap, 0)
      if (window % 5 !== 4) heap += 144
    }
    const judgement = judgeGrowth(series, 0, { ...deflate, minLeakCalls: 1170 })
    expect(judgement.verdict).toBe('undecided')
    expect(judgement).not.toHaveProperty('awaiting')
    expect(judgeGrowth(series, 0, { ...deflate, minLeakCalls: 200 }).verdict).toBe('leaking')
  })

  test('steps in every window, with noise on top in some, await calls', () => {
    // Measured: a 1 ms JSON function keeping ~64 B a call, windows of 16 calls: 1,024 B in 61 of 73,
    // and 1.3-29 KB in the others (a window read x1.27 to x29 the step).
    const noise = [1296, 4592, 6368, 1760, 8176, 1440, 15_360, 2536, 2608, 1512, 29_696]
    const series = new SampleSeries(74)
    let heap = 4e7
    for (let window = 0; window <= 73; window++) {
      series.push(10 + 16 * window, heap, 0)
      heap += window % 6 === 3 && noise.length ? noise.shift()! : 1024
    }
    const judgement = judgeGrowth(series, 0, { ...deflate, minLeakCalls: 1600 })
    expect(judgement).toMatchObject({ verdict: 'undecided', awaiting: 'calls' })
  })

  test('a record kept every 13th call, in windows of 16, awaits nothing: one window in four holds two', () => {
    const series = new SampleSeries(61)
    let heap = 4e7
    for (let window = 0; window <= 60; window++) {
      series.push(10 + 16 * window, heap, 0)
      heap += window % 4 === 3 ? 288 : 144
    }
    expect(judgeGrowth(series, 0, { ...deflate, minLeakCalls: 1600 })).not.toHaveProperty('awaiting')
  })

  test('windows that grew unevenly await nothing', () => {
    const series = new SampleSeries(21)
    for (let window = 0; window <= 20; window++)
      series.push(10 + 12 * window, 4e7 + 12_864 * window * (window % 3), 0)
    expect(judgeGrowth(series, 0, { ...deflate, minLeakCalls: 1170 })).not.toHaveProperty('awaiting')
  })
})
