import type { GarbageCollector } from '../runtime/force-gc.js'
import { readExternalBytes, readHeapBytes } from '../runtime/read-memory.js'
import { now } from '../runtime/real-clock.js'

/**
 * Calls between minor GCs inside a window. Weak collections drop dead entries only in a GC but keep
 * the capacity they reached, so without these a WeakMap's table would track the window's length and
 * look like a leak; a scavenge of a near-empty young generation costs tens of microseconds.
 */
export const callsPerScavenge = 1024

/** A window stops early once memory (after a scavenge) grew by this much: a big leak is already plain. */
export const maxWindowGrowthBytes = 64 * 1024 * 1024

/** Time between two looks at the clock inside a window, so a deadline is never overrun by much. */
const chunkMs = 2

/** What a driver reports after making a window of calls. */
export interface CallReport {
  /** Calls made: fewer than asked when the deadline passed or memory grew past the window's cap. */
  made: number
  /** Time spent in the calls themselves, without letting the event loop settle. */
  elapsedMs: number
}

/**
 * Paces a window of calls for both drivers: chunks of about `chunkMs`, a minor GC every
 * `callsPerScavenge` calls, and an early stop when memory has grown past `maxWindowGrowthBytes` or
 * the calls have taken `maxMs`.
 */
export class CallWindow {
  readonly #collect: GarbageCollector
  readonly #startBytes: number
  readonly #startedAt: number
  readonly #stride: number
  readonly #maxMs: number
  #pausedMs = 0

  /** `maxMs`: time in calls after which the window stops early (calls that grew costlier than planned). */
  constructor(
    collect: GarbageCollector,
    readonly count: number,
    callMs: number,
    maxMs = Number.POSITIVE_INFINITY,
  ) {
    this.#collect = collect
    this.#maxMs = maxMs
    this.#startBytes = readHeapBytes() + readExternalBytes()
    // After the reads: their cost, next to nine warm-up calls of a cheap function, made it look costly.
    this.#startedAt = now()
    this.#stride = Math.max(1, Math.min(callsPerScavenge, Math.floor(chunkMs / Math.max(callMs, 1e-6))))
  }

  /** End of the next chunk of calls starting at `made`: at a scavenge, a look at the clock or the window's end. */
  chunkEnd(made: number): number {
    const scavenge = (Math.floor(made / callsPerScavenge) + 1) * callsPerScavenge
    return Math.min(this.count, made + this.#stride, scavenge)
  }

  /** Scavenges when a chunk ended at a scavenge point; returns false when the window must stop. */
  betweenChunks(made: number): boolean {
    if (now() - this.#startedAt - this.#pausedMs > this.#maxMs) return false
    if (made % callsPerScavenge !== 0) return true
    const before = now()
    this.#collect({ type: 'minor' })
    const grown = readHeapBytes() + readExternalBytes() - this.#startBytes
    this.#pausedMs += now() - before
    return grown < maxWindowGrowthBytes
  }

  /** Excludes time spent outside the calls (letting the event loop settle) from the report. */
  pause(ms: number): void {
    this.#pausedMs += ms
  }

  report(made: number): CallReport {
    return { made, elapsedMs: now() - this.#startedAt - this.#pausedMs }
  }
}
