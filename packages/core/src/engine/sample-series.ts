import type { LeakSample } from '../result/leak-result.js'

/**
 * Samples kept in preallocated typed arrays: growing a JS array while measuring would show up in the
 * very heap being measured.
 */
export class SampleSeries {
  readonly #iterations: Float64Array
  readonly #heap: Float64Array
  readonly #external: Float64Array
  readonly #code: Float64Array
  #length = 0

  constructor(readonly capacity: number) {
    this.#iterations = new Float64Array(capacity)
    this.#heap = new Float64Array(capacity)
    this.#external = new Float64Array(capacity)
    this.#code = new Float64Array(capacity)
  }

  get length(): number {
    return this.#length
  }

  get full(): boolean {
    return this.#length === this.capacity
  }

  /** `heapBytes` leaves JIT code out; `codeBytes` is that code (see readCodeBytes). */
  push(iteration: number, heapBytes: number, externalBytes: number, codeBytes = 0): void {
    const i = this.#length++
    this.#iterations[i] = iteration
    this.#heap[i] = heapBytes
    this.#external[i] = externalBytes
    this.#code[i] = codeBytes
  }

  /**
   * Keeps the first sample and every other one counting back from the latest, which stays: a full
   * series goes on with windows twice as long, as if they had been planned so.
   */
  thin(): void {
    const last = this.#length - 1
    let kept = 1
    for (let i = last % 2 === 0 ? 2 : 1; i <= last; i += 2, kept++) {
      this.#iterations[kept] = this.#iterations[i]!
      this.#heap[kept] = this.#heap[i]!
      this.#external[kept] = this.#external[i]!
      this.#code[kept] = this.#code[i]!
    }
    this.#length = Math.min(this.#length, kept)
  }

  /**
   * A copy of the samples from `from` on that keeps `from` and every other one counting back from the
   * latest: the same calls read in windows twice as long.
   */
  pairedFrom(from: number): SampleSeries {
    const paired = new SampleSeries(this.#length - from)
    for (let i = from; i < this.#length; i++)
      paired.push(this.#iterations[i]!, this.#heap[i]!, this.#external[i]!, this.#code[i]!)
    paired.thin()
    return paired
  }

  /** Forgets the latest sample, to measure the same point again. */
  dropLast(): void {
    if (this.#length > 0) this.#length--
  }

  iteration(index: number): number {
    return this.#iterations[index]!
  }

  heap(index: number): number {
    return this.#heap[index]!
  }

  external(index: number): number {
    return this.#external[index]!
  }

  code(index: number): number {
    return this.#code[index]!
  }

  toArray(): LeakSample[] {
    const samples: LeakSample[] = []
    for (let i = 0; i < this.#length; i++) {
      samples.push({ iteration: this.iteration(i), heapBytes: this.heap(i), externalBytes: this.external(i) })
    }
    return samples
  }
}
