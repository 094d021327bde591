import type { ResolvedLeakOptions } from '../options/resolve-options.js'
import { now } from '../runtime/real-clock.js'
import { type CallCost, cheapCallMs } from './call-cost.js'
import type { JudgeSettings } from './judgement.js'

/** Coarsest resolution the floors of a swinging costly function may claim at its time target. */
const lateFloorResolution = 32

/** What the settings depend on besides the options and the measured costs. */
export interface CheckTimes {
  async: boolean
  /** When the check began, and when no new window may start (real clock). */
  startedAt: number
  verdictAt: number
}

/** Growth one window may show without being looked at twice. */
export function granule(async: boolean): number {
  return async ? 4096 : 2048
}

/** How the judge reads the series now, from the measured costs of a call and of a full GC. */
export function judgeSettings(
  options: ResolvedLeakOptions,
  check: CheckTimes,
  cost: CallCost,
): JudgeSettings {
  const callMs = Math.max(cost.callMs, 1e-6)
  const granuleBytes = granule(check.async)
  // Time a clean verdict should take for calls of this cost; the resolution it can afford follows.
  const targetMs = 0.6 * (500 * callMs + 300)
  const acceptResolution = Math.min(32, Math.max(0.5, (2.5 * granuleBytes * callMs) / targetMs))
  // A swinging costly function (a sawtooth cache, I/O on loopback) cannot afford the finest
  // resolution: by its time target, its floors may rule out what the leak verdicts promise to find
  // (>= 50 B/call), with room to spare.
  const late = cost.callMs > cheapCallMs ? ((now() - check.startedAt) / targetMs - 1) / (1 / 0.6 - 1) : 0
  const floorResolution =
    acceptResolution + (lateFloorResolution - acceptResolution) * Math.min(1, Math.max(0, late))
  const leakTargetMs = 1.5 * (500 * callMs + 300)
  const budgetMs = check.verdictAt - check.startedAt
  return {
    threshold: options.threshold,
    granuleBytes,
    acceptResolution,
    floorResolution: Math.max(acceptResolution, floorResolution),
    foreignFrees: check.async,
    costly: cost.callMs > cheapCallMs,
    // As many calls as the leak's time target holds, not counting the GCs between the windows: a
    // bounded cache of 1,000 entries at 0.1-0.25 ms per call (a loaded Vitest worker) was called
    // leaking with half as many, counting them.
    minLeakCalls: Math.max(
      16,
      Math.min(4096, Math.floor(leakTargetMs / callMs), Math.floor((0.4 * budgetMs) / callMs)),
    ),
    enoughLeakBytes: options.maxRetainedBytes / 2,
    // Clean I/O on loopback (sockets, parsers) retains tens of bytes per call for its first
    // thousands of calls, at a slowly falling rate: async leaks need more growth, in more windows,
    // at a rate that holds.
    minLeakBytes: check.async ? 96 * 1024 : 12 * 1024,
    minGrowingShare: check.async ? 0.6 : 0.5,
    minWindowBytes: check.async ? 32 * 1024 : 16 * 1024,
    maxRateDrop: 2,
  }
}
