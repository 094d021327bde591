import type { GarbageCollector } from '../runtime/force-gc.js'
import { readExternalBytes, readHeapBytes } from '../runtime/read-memory.js'

/**
 * Calls between minor GCs inside a window. Weak collections drop dead entries only in a GC but keep
 * the capacity they reached, so without these a WeakMap's table would track the window's length and
 * look like a leak; a scavenge of a near-empty young generation costs tens of microseconds.
 */
export const callsPerScavenge = 1024

/** A window stops early once memory (after a scavenge) grew by this much: a big leak is already plain. */
export const maxWindowGrowthBytes = 64 * 1024 * 1024

/** What a driver reports after making a window of calls. */
export interface CallReport {
  /** Calls made: fewer than asked when the deadline passed or memory grew past the window's cap. */
  made: number
  /** Time spent in the calls themselves, without letting the event loop settle. */
  elapsedMs: number
}

/**
 * Paces a window of calls for both drivers: a minor GC every `callsPerScavenge` calls, and an early
 * stop when memory has grown past `maxWindowGrowthBytes`.
 */
export class CallWindow {
  readonly #collect: GarbageCollector
  readonly #startBytes: number
  readonly #startedAt = performance.now()
  #pausedMs = 0

  constructor(
    collect: GarbageCollector,
    readonly count: number,
  ) {
    this.#collect = collect
    this.#startBytes = readHeapBytes() + readExternalBytes()
  }

  /** Size of the next chunk of calls starting at `made`, ending at a scavenge or the window's end. */
  chunkEnd(made: number): number {
    return Math.min(this.count, made + callsPerScavenge)
  }

  /** Scavenges between chunks; returns false when the window must stop. */
  betweenChunks(): boolean {
    const before = performance.now()
    this.#collect({ type: 'minor' })
    const grown = readHeapBytes() + readExternalBytes() - this.#startBytes
    this.#pausedMs += performance.now() - before
    return grown < maxWindowGrowthBytes
  }

  /** Excludes time spent outside the calls (letting the event loop settle) from the report. */
  pause(ms: number): void {
    this.#pausedMs += ms
  }

  report(made: number): CallReport {
    return { made, elapsedMs: performance.now() - this.#startedAt - this.#pausedMs }
  }
}
