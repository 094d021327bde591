import type { LeakResult } from '../result/leak-result.js'
import { readExternalBytes, readHeapBytes } from '../runtime/read-memory.js'
import { callsPerScavenge } from './call-window.js'

/**
 * Caps the memory a check lets the function retain (`maxRetainedBytes`): a leaking function called
 * for seconds would otherwise leave the worker's heap hundreds of MB larger, and every later check
 * there slower and less exact. The driver stops a window past the cap, and the check after the
 * next full GC confirms the memory is really held.
 */
export class RetainedBound {
  #baseline: number | undefined
  #retained = 0

  constructor(readonly maxBytes: number) {}

  /** Memory now is the first baseline: call it once the measurement has settled the heap. */
  start(): void {
    this.#baseline = readMemory()
  }

  /**
   * Whether memory grew past the cap; cheap enough at a scavenge point, exact after a full GC.
   * After a full GC the baseline may only go down: the heap the check started in can hold garbage
   * (a Jest worker's, from loading the test file) that the first full GC frees.
   */
  exceeded(afterFullGc = false): boolean {
    if (this.#baseline === undefined) return false
    const memory = readMemory()
    if (afterFullGc) this.#baseline = Math.min(this.#baseline, memory)
    const grown = memory - this.#baseline
    if (grown <= this.maxBytes) return false
    this.#retained = grown
    return true
  }

  /** At a scavenge point of a window (where memory excludes young garbage), whether to stop it. */
  stopsWindowAt(made: number): boolean {
    return made % callsPerScavenge === 0 && this.exceeded()
  }

  get hit(): boolean {
    return this.#retained > 0
  }

  /** The result of a check the cap stopped, with its reason saying so. */
  explain(result: LeakResult): LeakResult {
    if (!this.hit) return result
    const stop =
      `the check stopped calling the function once it retained ${mb(this.#retained)} ` +
      `(more than \`maxRetainedBytes\`, ${mb(this.maxBytes)}), to keep the heap small for later checks`
    if (result.status === 'leaking') return { ...result, reason: `${result.reason}; ${stop}` }
    return { ...result, reason: `${stop}. The calls made did not decide: ${result.reason}` }
  }
}

function readMemory(): number {
  return readHeapBytes() + readExternalBytes()
}

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}
