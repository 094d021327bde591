import { afterEach, describe, expect, test } from 'vitest'
import type { CallReport } from '../../src/engine/call-window.js'
import { chooseOptimizer, type TimedCalls } from '../../src/engine/choose-optimizer.js'
import { optimizerPaused, resumeOptimizer } from '../../src/runtime/optimizer-pause.js'

/**
 * Runs the choice to its end, answering its timings (three parts with the optimising compilers on,
 * three without, and three more without when those looked slower) with these times per call;
 * returns the calls it asked for and what happened in order ('gc' for a full GC).
 */
function choose(times: number[], callMs = 1, maxCalls = 1000): string[] {
  resumeOptimizer()
  const events: string[] = []
  const answers = [...times]
  const timed: TimedCalls = function* (count) {
    events.push(`${count} calls${optimizerPaused() ? ' paused' : ''}`)
    const report = (yield count) as CallReport
    return report.elapsedMs / report.made
  }
  const steps = chooseOptimizer(callMs, maxCalls, timed, () => events.push('gc'))
  let step = steps.next()
  while (!step.done) step = steps.next({ made: step.value, elapsedMs: step.value * answers.shift()! })
  return events
}

describe('chooseOptimizer', () => {
  afterEach(() => resumeOptimizer())

  test('pauses the optimising compilers when calls run about as fast without them', () => {
    expect(choose([1, 1, 1, 1.2, 1.2, 1.2])).toEqual([
      '9 calls',
      '9 calls',
      '9 calls',
      'gc',
      '9 calls paused',
      '9 calls paused',
      '9 calls paused',
    ])
    expect(optimizerPaused()).toBe(true)
  })

  // A sort with a comparator ran 1.4-3x slower: its leak verdicts then needed more than the budget.
  test('keeps them on when calls run much slower without them, timed twice', () => {
    expect(choose([1, 1, 1, 2, 2, 2, 2, 1.9, 2])).toEqual([
      '9 calls',
      '9 calls',
      '9 calls',
      'gc',
      '9 calls paused',
      '9 calls paused',
      '9 calls paused',
      '9 calls paused',
      '9 calls paused',
      '9 calls paused',
    ])
    expect(optimizerPaused()).toBe(false)
  })

  // A busy machine pauses a process for milliseconds at a time: one slow part must not decide.
  test('compares the fastest part of each timing', () => {
    choose([3, 1, 1, 1, 1, 4])
    expect(optimizerPaused()).toBe(true)
    choose([1, 1, 1, 3, 2, 3, 2, 3, 3])
    expect(optimizerPaused()).toBe(false)
  })

  // Loopback HTTP on a loaded machine timed 1.8x slower paused once, then ran as fast: kept on, the
  // compilers' metadata made the clean check inconclusive.
  test('pauses them when a second timing without them runs about as fast', () => {
    choose([1, 1, 1, 2, 2, 2, 3, 1.1, 3])
    expect(optimizerPaused()).toBe(true)
  })

  // What the timings' calls retain counts against `maxRetainedBytes` before the first window.
  test('times about 25 ms of calls in three parts, a call each at least, 128 calls at most, within the calls left', () => {
    expect(choose([0.4, 0.4, 0.4, 0.4, 0.4, 0.4], 0.4)[0]).toBe('21 calls')
    expect(choose([0.1, 0.1, 0.1, 0.1, 0.1, 0.1], 0.1)[0]).toBe('43 calls')
    expect(choose([10, 10, 10, 10, 10, 10], 10)[0]).toBe('1 calls')
    expect(choose([1, 1, 1, 1, 1, 1], 1, 6)[0]).toBe('2 calls')
    expect(choose([], 1, 0)).toEqual([])
  })
})
