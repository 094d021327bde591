import v8 from 'node:v8'
import { describe, expect, test } from 'vitest'
import { detectLeak } from '../../src/index.js'
import { pauseOptimizer, resumeOptimizer } from '../../src/runtime/optimizer-pause.js'
import { busyFor } from '../busy-for.js'

/** V8's `%GetOptimizationStatus`, compiled with natives syntax on for this one function. */
function optimizationStatus(): (fn: () => number) => number {
  v8.setFlagsFromString('--allow-natives-syntax')
  try {
    return new Function('fn', 'return %GetOptimizationStatus(fn)') as (fn: () => number) => number
  } finally {
    v8.setFlagsFromString('--no-allow-natives-syntax')
  }
}
/** The status bit of optimised code (TurboFan or Maglev). */
const optimized = 16

/** A fresh function (no feedback yet) that V8 optimises after a few thousand calls. */
function hotFunction(): () => number {
  return new Function('let s = 0; for (let i = 0; i < 20; i++) s += i * i; return s') as () => number
}

/** Calls `fn` until V8 optimised it, for up to `ms` (compiling happens in the background). */
function callUntilOptimized(fn: () => number, status: (fn: () => number) => number, ms = 2000): boolean {
  const until = performance.now() + ms
  while (performance.now() < until) {
    for (let call = 0; call < 10_000; call++) fn()
    if (status(fn) & optimized) return true
  }
  return false
}

/** A costly function: 0.2 ms of busy waiting. */
const busy = () => busyFor(0.2)

describe('pauseOptimizer', () => {
  const status = optimizationStatus()

  test('no function is optimised while paused, and optimising resumes after', () => {
    const whilePaused = hotFunction()
    pauseOptimizer()
    try {
      expect(callUntilOptimized(whilePaused, status, 300)).toBe(false)
    } finally {
      resumeOptimizer()
    }
    expect(callUntilOptimized(hotFunction(), status)).toBe(true)
  })

  // A check pauses the optimising compilers for a costly function's windows: however it ends, the
  // tests after it run as fast as before.
  test('a costly check leaves the optimising compilers on', () => {
    const result = detectLeak(busy, { sites: false, retainers: false, timeout: 3000 })
    expect(result.status).not.toBe('leaking')
    expect(callUntilOptimized(hotFunction(), status)).toBe(true)
    let calls = 0
    expect(() =>
      detectLeak(() => {
        busy()
        if (++calls === 30) throw new Error('boom')
      }),
    ).toThrow(/boom/)
    expect(callUntilOptimized(hotFunction(), status)).toBe(true)
  })
})
