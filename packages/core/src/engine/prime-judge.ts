import { readCodeBytes, readExternalBytes, readHeapBytes } from '../runtime/read-memory.js'
import { now } from '../runtime/real-clock.js'
import { judgeSeries } from './judge-series.js'
import type { JudgeSettings } from './judgement.js'
import { SampleSeries } from './sample-series.js'

/**
 * Runs the meter's own code until V8 has allocated its feedback vectors and bytecode (lazily, after
 * several invocations), so that this one-off allocation does not land in a measured window. Every
 * check primes the judge on a short series; `primeJudge` runs every rule.
 */
export function primeJudgeBriefly(): void {
  const dummy = new SampleSeries(8)
  for (let i = 0; i < 8; i++) dummy.push(i * 100, i, 0)
  for (let i = 0; i < 32; i++) {
    readHeapBytes()
    readExternalBytes()
    readCodeBytes()
    now()
    judgeSeries(dummy, 1, primeSettings)
  }
}

const primeJudgeRounds = 8

/**
 * Runs every rule of the judge on made-up series (swinging, stepping, rising unevenly), as the dry run
 * before the first costly check does (see detect-leak): a rule's loops and deeper checks, compiled in a
 * costly function's short windows, read as its growth. Not in every check: V8 frees part of that code
 * again a few GCs later, which a cheap check would see in its first windows.
 */
export function primeJudge(): void {
  // Long and swinging enough for every clean rule to run through (none accepts a resolution of 0).
  const swinging = new SampleSeries(40)
  for (let i = 0; i < 40; i++) swinging.push(i * 100, (i % 2) * 1000, 0)
  // And steep enough for the leak rules to reach their verdict, by equal steps and by uneven ones.
  const rising = new SampleSeries(40)
  for (let i = 0; i < 40; i++) rising.push(i * 100, i * 100_000, 0)
  const uneven = new SampleSeries(40)
  for (let i = 0; i < 40; i++) uneven.push(i * 100, i * 100_000 + (i % 2) * 30_000, 0)
  // Eight rounds (the judge runs 32 times, beyond the ~8 calls after which V8 gives a function its
  // feedback vector): 32 (~20-45 ms in a fresh process) left the same growth in a costly check's first
  // windows.
  for (let i = 0; i < primeJudgeRounds; i++) {
    judgeSeries(swinging, 0, primeSettings)
    judgeSeries(rising, 0, primeSettings)
    judgeSeries(uneven, 0, primeSettings)
    // Equal steps before enough calls: the judgement that waits for them.
    judgeSeries(rising, 0, awaitingSettings)
  }
}

const primeSettings: JudgeSettings = {
  threshold: 0,
  granuleBytes: 1,
  acceptResolution: 0,
  floorResolution: 0,
  foreignFrees: false,
  costly: false,
  minLeakCalls: 1,
  enoughLeakBytes: 1,
  minLeakBytes: 1,
  minGrowingShare: 0.5,
  minWindowBytes: 1,
  maxRateDrop: 2,
}

const awaitingSettings: JudgeSettings = {
  ...primeSettings,
  costly: true,
  minLeakCalls: Number.MAX_SAFE_INTEGER,
  enoughLeakBytes: Number.MAX_SAFE_INTEGER,
}
