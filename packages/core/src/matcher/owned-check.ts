import type { CheckControl } from '../engine/check-control.js'
import { CheckCancelledError, CheckNotAwaitedError, CheckTimedOutError } from '../errors/leakproof-error.js'
import { now, realClearTimeout, realSetTimeout } from '../runtime/real-clock.js'
import { inTurn } from './check-queue.js'
import { ProgressFile } from './progress-file.js'
import { stoppedResult } from './stopped-result.js'
import type { TestEnd, TestOwner } from './test-owner.js'

type CheckState = 'running' | 'done' | 'stopped'

/** Longest wait, when a test ends, for its stopped check to let go (lock, patches, profiler). */
const stopWaitMs = 2000

/**
 * One check that a test owns, for both adapters: it gets the time left in the test as its budget,
 * waits for checks of concurrent tests, and is stopped when the test ends for any reason. A check
 * stopped by a timeout or a missing `await` fails its test with a message saying so, is filed as
 * inconclusive, and never rejects afterwards (nobody would handle it: "Unhandled Rejection").
 */
export class OwnedCheck<T> {
  readonly #owner: TestOwner
  readonly #neutral: T
  readonly #controller = new AbortController()
  #state: CheckState = 'running'
  #calls = 0
  #stopped: Promise<unknown> = Promise.resolve()
  readonly #startedAt = now()

  /**
   * Runs `start` as a check of `owner`'s test. `neutral` is what the check's promise resolves to
   * once the test has ended without it: the failure is then reported through the test, not the promise.
   */
  static run<T>(
    owner: TestOwner,
    start: (control: CheckControl) => T | Promise<T>,
    neutral: T,
  ): T | Promise<T> {
    return new OwnedCheck(owner, neutral).#run(start)
  }

  private constructor(owner: TestOwner, neutral: T) {
    this.#owner = owner
    this.#neutral = neutral
  }

  #run(start: (control: CheckControl) => T | Promise<T>): T | Promise<T> {
    // Only when a reporter shows progress in a terminal; the engine stops reporting at its verdict.
    const progress = ProgressFile.open(this.#owner.name)
    let outcome: T | Promise<T>
    try {
      outcome = inTurn(this.#owner.key, () =>
        start({
          signal: this.#controller.signal,
          timeLeftMs: this.#owner.timeLeftMs(),
          ...(progress ? { onProgress: (reached) => progress.write(reached) } : {}),
        }),
      )
    } catch (error) {
      progress?.close()
      throw error
    }
    if (!(outcome instanceof Promise)) {
      progress?.close()
      return outcome
    }
    if (progress) outcome.then(progress.close.bind(progress), progress.close.bind(progress))
    const runner = this.#owner.signal
    const abort = () => this.#controller.abort()
    runner?.addEventListener('abort', abort, { once: true })
    if (runner?.aborted) abort()
    this.#owner.onEnd((end) => this.#testEnded(end))
    const settled = outcome.then(
      (value) => {
        this.#state = 'done'
        return value
      },
      (error: unknown) => {
        if (!this.#controller.signal.aborted) {
          this.#state = 'done'
          throw error
        }
        this.#state = 'stopped'
        if (error instanceof CheckCancelledError) this.#calls = error.calls
        return this.#neutral
      },
    )
    this.#stopped = settled.finally(() => runner?.removeEventListener('abort', abort)).catch(() => undefined)
    return settled
  }

  /** The test ended: a check still running was not awaited, or outlived the test's timeout. */
  async #testEnded(end: TestEnd): Promise<void> {
    if (this.#state === 'done') return
    this.#controller.abort()
    await this.#waitStopped()
    const calls = this.#calls
    const error =
      end.timedOutAfterMs === undefined
        ? new CheckNotAwaitedError(calls)
        : new CheckTimedOutError(end.timedOutAfterMs, calls)
    // Read again: the check may have reached its verdict while it was being stopped.
    if ((this.#state as CheckState) !== 'done') {
      const why =
        end.timedOutAfterMs === undefined
          ? 'the check was not awaited: it was stopped when its test ended, before a verdict'
          : `the test timed out after ${end.timedOutAfterMs} ms while the check ran: stopped before a verdict`
      // The test failed with it: whatever it expected, this check did not pass.
      this.#owner.record(stoppedResult(why, calls, now() - this.#startedAt), {
        expected: 'clean',
        passed: false,
      })
    }
    throw error
  }

  /** Waits until the stopped check has let go of the lock, on a real timer (fake timers never fire). */
  async #waitStopped(): Promise<void> {
    let timer: ReturnType<typeof realSetTimeout> | undefined
    await Promise.race([
      this.#stopped,
      new Promise<void>((resolve) => {
        timer = realSetTimeout(resolve, stopWaitMs)
      }),
    ])
    if (timer) realClearTimeout(timer)
  }
}
