import { CheckCancelledError, FunctionThrewError, FunctionTimeoutError } from '../errors/leakproof-error.js'
import { now, realClearTimeout, realSetTimeout } from '../runtime/real-clock.js'

/**
 * The phases of a check and when each must end, on the real clock.
 *
 * `verdictAt`: no new call of the measurement starts after it. `endAt`: the check is over; a call
 * still in flight then has not settled within its grace period. A signal from the test that owns
 * the check ends it at once. One real timer wakes an awaited call; no timer per call.
 */
export class Deadline {
  #wake: ((error: Error) => void) | undefined
  #timer: ReturnType<typeof realSetTimeout> | undefined
  readonly #onAbort = () => this.#wake?.(this.cancelled())

  #verdictAt: number

  constructor(
    readonly startedAt: number,
    verdictAt: number,
    readonly endAt: number,
    readonly signal: AbortSignal | undefined,
    /** Calls made so far, for messages. */
    readonly progress: () => number,
  ) {
    this.#verdictAt = verdictAt
    signal?.addEventListener('abort', this.#onAbort, { once: true })
  }

  /** No new call of the measurement starts after this time (real clock). */
  get verdictAt(): number {
    return this.#verdictAt
  }

  /** Ends the measurement's time now (the function retained more memory than a check may let it). */
  endVerdictNow(): void {
    this.#verdictAt = Math.min(this.#verdictAt, now())
  }

  /** Whether the measurement must stop starting calls. */
  get verdictExpired(): boolean {
    return now() >= this.verdictAt || this.aborted
  }

  get expired(): boolean {
    return now() >= this.endAt || this.aborted
  }

  get aborted(): boolean {
    return this.signal?.aborted === true
  }

  /** Throws when the owning test has ended. */
  throwIfAborted(): void {
    if (this.aborted) throw this.cancelled()
  }

  cancelled(): CheckCancelledError {
    return new CheckCancelledError(now() - this.startedAt, this.progress())
  }

  /**
   * Waits for a call's promise. A call in flight when the verdict's time runs out may finish until
   * `endAt`; past that it has not settled. Rejections are the function's errors.
   */
  async settle(value: PromiseLike<unknown>, call: number): Promise<void> {
    this.throwIfAborted()
    let settled = false
    try {
      await new Promise<void>((resolve, reject) => {
        this.#wake = reject
        this.#arm()
        value.then(
          () => {
            settled = true
            resolve()
          },
          (error: unknown) => {
            settled = true
            reject(new FunctionThrewError(call, error))
          },
        )
      })
    } catch (error) {
      if (settled || error instanceof CheckCancelledError) throw error
      throw new FunctionTimeoutError(call, Math.round(this.endAt - this.startedAt))
    } finally {
      this.#wake = undefined
    }
  }

  /**
   * Waits for `work` (letting the event loop settle) until it finishes or the check's time ends,
   * whichever comes first: the end of the budget is no error here, the verdict comes next.
   */
  async race<T>(work: Promise<T>): Promise<T | undefined> {
    this.throwIfAborted()
    try {
      return await new Promise<T | undefined>((resolve, reject) => {
        this.#wake = (error) => (error instanceof DeadlinePassed ? resolve(undefined) : reject(error))
        this.#arm()
        work.then(resolve, reject)
      })
    } finally {
      this.#wake = undefined
    }
  }

  clear(): void {
    if (this.#timer) realClearTimeout(this.#timer)
    this.#timer = undefined
    this.signal?.removeEventListener('abort', this.#onAbort)
  }

  #arm(): void {
    if (this.#timer) return
    this.#timer = realSetTimeout(
      () => {
        this.#timer = undefined
        this.#wake?.(new DeadlinePassed())
      },
      Math.max(0, this.endAt - now()),
    )
    this.#timer.unref()
  }
}

/** The check's time is over while something was still awaited. */
export class DeadlinePassed extends Error {
  override name = 'DeadlinePassed'
}
