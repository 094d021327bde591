import { describe, expect, test } from 'vitest'
import { CallCost } from '../../src/engine/call-cost.js'

describe('CallCost', () => {
  test('forgets the first call (it compiled the function) once a window is measured', () => {
    const cost = new CallCost(40)
    cost.called(100, 10)
    expect(cost.callMs).toBeCloseTo(0.1)
  })

  test('weights recent windows, and keeps the latest window apart', () => {
    const cost = new CallCost(40)
    cost.called(100, 10)
    cost.called(100, 30)
    expect(cost.callMs).toBeCloseTo(0.2)
    expect(cost.latestMs).toBeCloseTo(0.3)
  })

  test('calls timed again after the warm-up replace its cost', () => {
    const cost = new CallCost(0.5)
    cost.called(9, 0.45)
    cost.retimed(300, 3)
    expect(cost.callMs).toBeCloseTo(0.01)
    expect(cost.latestMs).toBeCloseTo(0.01)
    cost.called(100, 3)
    expect(cost.callMs).toBeCloseTo(0.02)
  })

  test('a window without calls changes nothing', () => {
    const cost = new CallCost(40)
    cost.called(0, 0)
    expect(cost.callMs).toBe(40)
  })

  test('a full GC slowed by a busy machine counts until the next ones', () => {
    const cost = new CallCost(1)
    cost.collected(10)
    expect(cost.gcMs).toBe(10)
    cost.collected(110)
    expect(cost.gcMs).toBeCloseTo(40)
  })
})
