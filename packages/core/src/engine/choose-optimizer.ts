import type { GarbageCollector } from '../runtime/force-gc.js'
import { pauseOptimizer, resumeOptimizer } from '../runtime/optimizer-pause.js'
import type { CallReport } from './call-window.js'

/** Time each of the two timings of a costly function takes, and its fewest calls. */
const timingMs = 25
const minTimingCalls = 3
/**
 * Most calls each timing makes: what they retain counts against `maxRetainedBytes` before the first
 * window (a 10 KB/call leak at 20-30 us a call retained 25 MB in two 25 ms timings, and was
 * inconclusive at the cap).
 */
const maxTimingCalls = 128
const timingParts = 3
/** Calls this much slower without the optimising compilers keep them on. */
const maxSlowdown = 1.4

/** Makes `count` calls and answers the time per call. */
export type TimedCalls = (count: number) => Generator<number, number, CallReport | undefined>

/**
 * Pauses V8's optimising compilers for a costly function's windows (see optimizer-pause), unless its
 * calls then run much slower. Where the growth they cause comes from (code optimised with a call's
 * objects in it, thrown away at the next full GC: HTTP streams, jsdom), the code does not stay
 * optimised long anyway and pausing costs little (loopback HTTP, jsdom: 0.8-1.2x). Tight JavaScript
 * keeps its optimised code across GCs and loses it to the pause: a sort with a comparator ran
 * 1.4-3x slower, which cost its leak verdicts more time than the budget had. So the calls are timed
 * with the compilers on, then, after a full GC (which drops what they made that the pause would
 * not have made again), without, and once more without when that looked much slower.
 */
export function* chooseOptimizer(
  callMs: number,
  maxCalls: number,
  timedCalls: TimedCalls,
  collect: GarbageCollector,
): Generator<number, void, CallReport | undefined> {
  const wanted = Math.max(minTimingCalls, Math.ceil(timingMs / Math.max(callMs, 1e-6)))
  const count = Math.min(maxCalls, maxTimingCalls, wanted)
  if (count < 1) return
  // The fastest of three parts: a busy machine pauses a process for milliseconds at a time, which
  // would decide for one call in three.
  const parts = Math.min(timingParts, count)
  const fastest = function* (): Generator<number, number, CallReport | undefined> {
    let best = Number.POSITIVE_INFINITY
    for (let part = 0; part < parts; part++)
      best = Math.min(best, yield* timedCalls(Math.ceil(count / parts)))
    return best
  }
  const optimised = yield* fastest()
  pauseOptimizer()
  collect()
  let paused = yield* fastest()
  // Kept on wrongly, the compilers' metadata can make a clean check inconclusive; so a slowdown is
  // believed once a second timing shows it too (a busy machine only ever slows a timing down):
  // loopback HTTP with two busy processes beside it timed 1.8x slower paused in 1 of 6 checks, and
  // was inconclusive at 9.5 s; 0.8-1.0x in the others.
  if (paused > maxSlowdown * optimised) paused = Math.min(paused, yield* fastest())
  if (paused > maxSlowdown * optimised) resumeOptimizer()
}
