import { describe, expect, test } from 'vitest'
import { CallCost } from '../../src/engine/call-cost.js'
import { SampleSeries } from '../../src/engine/sample-series.js'
import { WindowPlan } from '../../src/engine/window-plan.js'
import { resolveOptions } from '../../src/options/resolve-options.js'
import { cheapSync } from './cheap-sync-settings.js'

/** A plan for calls of `callMs` and full GCs of `gcMs`, with all the time in the world. */
function planFor(callMs: number, gcMs: number, async = false): { plan: WindowPlan; cost: CallCost } {
  const cost = new CallCost(callMs)
  cost.called(1, callMs)
  cost.collected(gcMs)
  const context = { options: resolveOptions(), async, primed: true, verdictAt: Number.POSITIVE_INFINITY }
  return { plan: new WindowPlan(context, cost), cost }
}

/** A series of flat samples at these call counts. */
function flatAt(...calls: number[]): SampleSeries {
  const series = new SampleSeries(64)
  for (const count of calls) series.push(count, 1e7, 0)
  return series
}

describe('WindowPlan for cheap calls', () => {
  test('the first window holds ~20 ms of calls, at most 1,024; a sync second one as many as a clean verdict needs', () => {
    const { plan } = planFor(0.001, 3)
    expect(plan.next(0, 10, flatAt(10), cheapSync)).toBe(1024)
    // 2.5 granules at 0.5 B/call.
    expect(plan.next(1, 1034, flatAt(10, 1034), cheapSync)).toBe(10_240)
    // Then geometric growth (x2.1 in round 2).
    expect(plan.next(2, 11_274, flatAt(10, 1034, 11_274), cheapSync)).toBe(Math.ceil(11_274 * 2.1))
  })

  test('an async second window grows geometrically only: each call is awaited', () => {
    const { plan } = planFor(0.001, 3, true)
    expect(plan.next(1, 1034, flatAt(10, 1034), cheapSync)).toBe(Math.ceil(1034 * 2.9))
  })

  test('a window may add only a slice of what the check may retain', () => {
    const { plan } = planFor(0.001, 3)
    const series = new SampleSeries(8)
    series.push(10, 1e7, 0)
    series.push(1034, 1e7 + 1024 * 10_000, 0) // 10 KB a call
    // maxRetainedBytes / 8 at 10 KB a call.
    expect(plan.next(1, 1034, series, cheapSync)).toBe(
      Math.floor(resolveOptions().maxRetainedBytes / 8 / 10_000),
    )
  })
})

describe('WindowPlan for costly calls', () => {
  test('windows of equal length, about two full GCs of calls, at least 8', () => {
    const { plan } = planFor(1, 5)
    const series = flatAt(10)
    expect(plan.next(0, 10, series, cheapSync)).toBe(10)
    expect(plan.next(1, 20, series, cheapSync)).toBe(10)
    expect(planFor(10, 5).plan.next(0, 10, series, cheapSync)).toBe(8)
  })

  test('windows double when the evidence waits only for calls, while they end before those calls do', () => {
    const { plan } = planFor(1, 5)
    const series = flatAt(10, 20, 30, 40)
    expect(plan.next(0, 40, series, cheapSync)).toBe(10)
    const awaiting = {
      verdict: 'undecided',
      bytesPerIteration: 64,
      growing: true,
      reason: '',
      awaiting: 'calls',
    } as const
    plan.stretchIfDue(series, awaiting, 40, { ...cheapSync, minLeakCalls: 1000 })
    expect(series.length).toBe(3)
    expect(plan.next(1, 40, series, cheapSync)).toBe(20)
    // 16 more windows of 20 would run past the least calls: no more doubling.
    plan.stretchIfDue(series, awaiting, 700, { ...cheapSync, minLeakCalls: 1000 })
    expect(plan.next(2, 700, series, cheapSync)).toBe(20)
  })

  test('a fixed length holds once the growth followed the windows, not the calls', () => {
    const { plan } = planFor(1, 5)
    plan.fixLength(flatAt(10, 20, 57))
    expect(plan.next(5, 57, flatAt(10, 20, 57), cheapSync)).toBe(37)
  })

  test('calls the warm-up took for costly turn cheap after a window of real calls: windows grow again', () => {
    const { plan, cost } = planFor(1, 5)
    expect(plan.followCost(0)).toBe(false)
    cost.called(10_000, 1)
    expect(plan.followCost(1)).toBe(true)
    expect(plan.next(2, 10_020, flatAt(10, 20, 10_020), cheapSync)).toBe(Math.ceil(10_020 * 2.1))
  })
})

describe('WindowPlan before any window', () => {
  // A 10 KB/call leak timed at 0.025 ms a call on a busy machine, its GCs slow: two GCs' worth of
  // calls made a first window of 3,563 calls (36 MB), past the retained cap with too few windows.
  test('the first window holds 1,024 calls at most, however long the plan', () => {
    expect(planFor(0.025, 45).plan.next(0, 493, flatAt(493), cheapSync)).toBe(1024)
    // A cheap plan after thousands of calls timing the warm-up again.
    expect(planFor(0.001, 3).plan.next(0, 3000, flatAt(3000), cheapSync)).toBe(1024)
  })

  test('later windows follow the plan where they retain nothing', () => {
    const { plan } = planFor(0.025, 45)
    plan.next(0, 493, flatAt(493), cheapSync)
    expect(plan.next(1, 1517, flatAt(493, 1517), cheapSync)).toBe(3600)
  })
})
