/** Calls cost at most this much for windows to grow geometrically (long windows, few GCs). */
export const cheapCallMs = 0.02

/**
 * The measured cost of a call and of a full GC, as the check goes: the plan of windows follows them.
 * Calls are weighted towards recent windows, since a leak can make calls slower as it grows.
 */
export class CallCost {
  #callMs: number
  #latestMs: number
  #gcMs = 0

  constructor(firstCallMs: number) {
    this.#callMs = firstCallMs
    this.#latestMs = firstCallMs
  }

  /** Time per call over the latest window alone. */
  get latestMs(): number {
    return this.#latestMs
  }

  get callMs(): number {
    return this.#callMs
  }

  /** Duration of the last full GC; a GC under a busy machine counts until the next one. */
  get gcMs(): number {
    return this.#gcMs
  }

  called(made: number, elapsedMs: number): void {
    if (made <= 0) return
    const latest = elapsedMs / made
    this.#latestMs = latest
    // The first call compiles the function: forget it once real windows are measured.
    this.#callMs = this.#seen ? 0.5 * this.#callMs + 0.5 * latest : latest
    this.#seen = true
  }

  /**
   * Calls timed again after the warm-up replace its cost: the warm-up ran in the interpreter, the
   * meter's own loop among it (an async driver's first calls: 40-60 us each, against 1-14 us after).
   */
  retimed(made: number, elapsedMs: number): void {
    if (made <= 0) return
    this.#latestMs = elapsedMs / made
    this.#callMs = this.#latestMs
  }

  collected(ms: number): void {
    this.#gcMs = this.#gcMs === 0 ? ms : 0.7 * this.#gcMs + 0.3 * ms
  }

  #seen = false
}
