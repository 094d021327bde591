import { describe, expect, test } from 'vitest'
import { CallWindow, callsPerScavenge } from '../../src/engine/call-window.js'
import { getGarbageCollector } from '../../src/runtime/force-gc.js'
import { busyFor } from '../busy-for.js'

const collect = getGarbageCollector()

describe('CallWindow', () => {
  test('chunks end at a look at the clock, a scavenge or the window end', () => {
    const window = new CallWindow(collect, 5000, 0.001)
    expect(window.chunkEnd(0)).toBe(callsPerScavenge)
    expect(window.chunkEnd(4096)).toBe(5000)
    expect(new CallWindow(collect, 5000, 1).chunkEnd(10)).toBe(12)
  })

  test('a window stops once its calls have taken maxMs, and only then', () => {
    const capped = new CallWindow(collect, 1000, 1, 200)
    const uncapped = new CallWindow(collect, 1000, 1)
    expect(capped.betweenChunks(2)).toBe(true)
    busyFor(250)
    expect(capped.betweenChunks(4)).toBe(false)
    expect(uncapped.betweenChunks(4)).toBe(true)
  })

  test('time spent outside the calls does not count towards maxMs', () => {
    const window = new CallWindow(collect, 1000, 1, 200)
    busyFor(250)
    window.pause(250)
    expect(window.betweenChunks(2)).toBe(true)
  })
})
