import { afterEach, describe, expect, test } from 'vitest'
import type { CallReport } from '../../src/engine/call-window.js'
import { chooseOptimizer, type TimedCalls } from '../../src/engine/choose-optimizer.js'
import { optimizerPaused, resumeOptimizer } from '../../src/runtime/optimizer-pause.js'

/**
 * Runs the choice to its end, answering its two timings with these times per call; returns the
 * calls it asked for and what happened in order ('gc' for a full GC).
 */
function choose(optimisedMs: number, pausedMs: number, callMs = 1, maxCalls = 1000): string[] {
  resumeOptimizer()
  const events: string[] = []
  const times = [optimisedMs, pausedMs]
  const timed: TimedCalls = function* (count) {
    events.push(`${count} calls${optimizerPaused() ? ' paused' : ''}`)
    const report = (yield count) as CallReport
    return report.elapsedMs / report.made
  }
  const steps = chooseOptimizer(callMs, maxCalls, timed, () => events.push('gc'))
  let step = steps.next()
  while (!step.done) step = steps.next({ made: step.value, elapsedMs: step.value * times.shift()! })
  return events
}

describe('chooseOptimizer', () => {
  afterEach(() => resumeOptimizer())

  test('pauses the optimising compilers when calls run about as fast without them', () => {
    expect(choose(1, 1.2)).toEqual(['25 calls', 'gc', '25 calls paused'])
    expect(optimizerPaused()).toBe(true)
  })

  // A sort with a comparator ran 1.4-3x slower: its leak verdicts then needed more than the budget.
  test('keeps them on when calls run much slower without them', () => {
    choose(1, 2)
    expect(optimizerPaused()).toBe(false)
  })

  test('times about 25 ms of calls each time, at least three, within the calls left', () => {
    expect(choose(0.1, 0.1, 0.1)[0]).toBe('250 calls')
    expect(choose(10, 10, 10)[0]).toBe('3 calls')
    expect(choose(0.1, 0.1, 0.1, 40)[0]).toBe('40 calls')
    expect(choose(1, 1, 1, 0)).toEqual([])
  })
})
