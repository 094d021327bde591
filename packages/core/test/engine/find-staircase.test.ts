import { describe, expect, test } from 'vitest'
import { findStaircase } from '../../src/engine/find-staircase.js'
import { judgeSeries } from '../../src/engine/judge-series.js'
import type { JudgeSettings } from '../../src/engine/judgement.js'
import { SampleSeries } from '../../src/engine/sample-series.js'

const sync: JudgeSettings = {
  threshold: 0,
  granuleBytes: 2048,
  acceptResolution: 0.5,
  floorResolution: 0.5,
  foreignFrees: false,
  costly: false,
  minLeakCalls: 4096,
  enoughLeakBytes: 16 * 1024 * 1024,
  minLeakBytes: 12 * 1024,
  minGrowingShare: 0.5,
  minWindowBytes: 16 * 1024,
  maxRateDrop: 2,
}

/** Bytes of an array's backing store holding `length` numbers, grown as V8 grows it (x1.5 + 16). */
function arrayStore(length: number): number {
  let capacity = 0
  while (capacity < length) capacity = capacity + (capacity >> 1) + 16
  return 8 * capacity
}

/** Equal windows of `calls` from `start`; memory given by `level(calls)` after each. */
function windows(
  start: number,
  calls: number,
  count: number,
  level: (calls: number) => number,
): SampleSeries {
  const series = new SampleSeries(count + 1)
  for (let window = 0; window <= count; window++) {
    const at = start + window * calls
    series.push(at, 1e7 + level(at), 0)
  }
  return series
}

/** A number kept every 7th call (1.1 B/call): memory is the array's store. */
const everySeventh = (calls: number) => arrayStore(Math.floor(calls / 7))

describe('findStaircase', () => {
  test("a number kept every 7th call, in equal windows, is a staircase: its array's store steps x1.5", () => {
    const staircase = findStaircase(windows(34_950, 23_676, 33, everySeventh), 0, sync)
    expect(staircase?.steps.length).toBe(4)
  })

  test('the series CI measured (a Vitest worker on a busy machine, old stores freed a GC late) is leaking', () => {
    // Its flat windows had made it clean: "no leak >= 2 B/call: 11 of the last 18 windows retained nothing".
    const points = [
      [10, 0],
      [1034, 29336],
      [11274, 55056],
      [34950, 162992],
      [58626, 134296],
      [82302, 165224],
      [105978, 225552],
      [129654, 225736],
      [153330, 226856],
      [177006, 448432],
      [200682, 331584],
      [224358, 319744],
      [248034, 456384],
      [271710, 456232],
      [295386, 456208],
      [319062, 460248],
      [342738, 460248],
      [366414, 683104],
      [390090, 677296],
      [413766, 663864],
      [437442, 648272],
      [461118, 648272],
      [484794, 648272],
      [508470, 648272],
      [532146, 648184],
      [555822, 953808],
      [579498, 956584],
      [603174, 956872],
      [626850, 956872],
      [650526, 956872],
      [674202, 956872],
      [697878, 956872],
      [721554, 956872],
      [745230, 956624],
      [768906, 956872],
      [792582, 956624],
    ] as const
    const series = new SampleSeries(points.length)
    for (const [calls, level] of points) series.push(calls, 1e7 + level, 0)
    const judgement = judgeSeries(series, 0, sync)
    expect(judgement.verdict, judgement.reason).toBe('leaking')
  })

  test('steps after the largest recent one carry the staircase on (log-scan-0.1ms-number-per-call)', () => {
    // Measured: 8 B/call into an array, windows of 165 calls; the largest recent step is not the last.
    const steps = new Map([
      [36, 11_912],
      [53, 17_872],
      [54, 3432],
      [67, 26_808],
      [87, 40_208],
    ])
    const series = new SampleSeries(88)
    let level = 1e7
    for (let window = 0; window <= 87; window++) {
      level += steps.get(window) ?? 0
      series.push(10 + window * 165, level, 0)
    }
    const staircase = findStaircase(series, 0, { ...sync, minLeakCalls: 4096 }, 3)
    expect(staircase?.steps.map((step) => step.calls)).toEqual([8755, 11_065, 14_365])
    // Three steps are not a leak yet: a bounded Map that evicts doubles its table once more when full.
    expect(findStaircase(series, 0, { ...sync, minLeakCalls: 4096 })).toBeUndefined()
  })

  test('two steps that keep pace hold back a clean verdict until the next is overdue', () => {
    // A cache that fills up to 60,000 numbers: its last two steps come after the calls a staircase
    // counts from here, at 220,000 and 330,000 calls.
    const cache = (calls: number) => everySeventh(Math.min(calls, 420_000))
    const late = { ...sync, minLeakCalls: 100_000 }
    const forming = windows(34_950, 23_676, 26, cache)
    expect(findStaircase(forming, 0, late)).toBeUndefined()
    expect(judgeSeries(forming, 0, late).verdict).toBe('undecided')
    const stopped = windows(34_950, 23_676, 60, cache)
    expect(judgeSeries(stopped, 0, late).verdict).toBe('clean')
  })

  test('a cache whose store stopped growing is no staircase once the next step is overdue', () => {
    const bounded = (calls: number) => everySeventh(Math.min(calls, 250_000))
    expect(findStaircase(windows(34_950, 23_676, 33, bounded), 0, sync)).toBeUndefined()
  })

  test('a bounded Map that evicts as it adds is no leak for the extra doubling of its table once full', () => {
    // Measured at 0.1 ms per call, a cache of 9,000 entries: its table doubled at 4,110 and 8,210
    // calls while filling, and once more at 16,410 (deleted entries take slots), then never again.
    const steps = new Map([
      [41, 112 * 1024],
      [82, 224 * 1024],
      [164, 448 * 1024],
    ])
    const series = new SampleSeries(185)
    let level = 1e7
    for (let window = 0; window <= 184; window++) {
      level += steps.get(window) ?? 0
      series.push(110 + window * 100, level, 0)
    }
    const costly = { ...sync, costly: true, acceptResolution: 2.4 }
    expect(findStaircase(series, 0, costly)).toBeUndefined()
    expect(judgeSeries(series, 0, costly).verdict).not.toBe('leaking')
  })

  test('steps before the least calls of a leak verdict do not count: a small cache fills by then', () => {
    expect(
      findStaircase(
        windows(3_000, 2_000, 60, (calls) => arrayStore(Math.min(calls, 12_000))),
        0,
        sync,
      ),
    ).toBeUndefined()
    expect(
      findStaircase(windows(100, 500, 40, everySeventh), 0, { ...sync, minLeakCalls: 20_000 }),
    ).toBeUndefined()
  })

  test('one-off growth at growing intervals, not keeping pace with the calls, is no staircase', () => {
    const oneOffs = (calls: number) =>
      50_000 * [100_000, 150_000, 225_000, 340_000].filter((at) => calls >= at).length
    expect(findStaircase(windows(20_000, 20_000, 20, oneOffs), 0, sync)).toBeUndefined()
  })

  test('steps that compiled code matched are the JIT, not a staircase', () => {
    const series = windows(34_950, 23_676, 33, everySeventh)
    const withCode = new SampleSeries(series.length)
    for (let i = 0; i < series.length; i++)
      withCode.push(series.iteration(i), series.heap(i), 0, series.heap(i) - series.heap(0))
    expect(findStaircase(withCode, 0, sync)).toBeUndefined()
  })

  test('steps among swings are no staircase: growth there is the other rules to judge', () => {
    const swinging = (calls: number) => everySeventh(calls) + ((calls / 23_676) % 2 > 0.5 ? 60_000 : 0)
    expect(findStaircase(windows(34_950, 23_676, 33, swinging), 0, sync)).toBeUndefined()
  })

  test('growth in every window is no staircase', () => {
    expect(
      findStaircase(
        windows(5_000, 5_000, 40, (calls) => calls * 2),
        0,
        sync,
      ),
    ).toBeUndefined()
  })

  test('async functions are left to the other rules', () => {
    expect(
      findStaircase(windows(34_950, 23_676, 33, everySeventh), 0, { ...sync, foreignFrees: true }),
    ).toBeUndefined()
  })
})
