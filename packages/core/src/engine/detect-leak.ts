import { setImmediate as nextImmediate, setTimeout as sleep } from 'node:timers/promises'
import { diagnoseAsync, diagnoseSync } from '../diagnosis/diagnose-leak.js'
import {
  ConcurrentCheckError,
  FunctionThrewError,
  FunctionTimeoutError,
  NotAFunctionError,
} from '../errors/leakproof-error.js'
import { type LeakOptions, type ResolvedLeakOptions, resolveOptions } from '../options/resolve-options.js'
import type { LeakResult } from '../result/leak-result.js'
import { getGarbageCollector } from '../runtime/force-gc.js'
import { type CallReport, CallWindow } from './call-window.js'
import { measureLeak } from './measure-leak.js'

/** `detectLeak`'s result type: a promise exactly when the function returns one. */
export type DetectLeakReturn<R> = R extends PromiseLike<unknown> ? Promise<LeakResult> : LeakResult

let running = false

/**
 * Calls `fn` repeatedly, forcing full garbage collections between windows of calls, and decides
 * whether the memory it retains grows without bound.
 *
 * Synchronous when `fn` is; when `fn` returns a promise, every call is awaited one at a time, the
 * event loop is allowed to settle before each sample, and the result is a promise.
 * @throws {FunctionThrewError} when `fn` throws or rejects (never reported as a verdict)
 */
export function detectLeak<R>(fn: () => R, options?: LeakOptions): DetectLeakReturn<R>
export function detectLeak(fn: () => unknown, options?: LeakOptions): LeakResult | Promise<LeakResult> {
  if (typeof fn !== 'function') throw new NotAFunctionError(fn)
  const resolved = resolveOptions(options)
  if (running) throw new ConcurrentCheckError()
  running = true
  const startedAt = performance.now()
  let first: unknown
  try {
    first = fn()
  } catch (error) {
    running = false
    throw new FunctionThrewError(1, error)
  }
  if (!isPromiseLike(first)) {
    try {
      return detectSync(fn, resolved, startedAt)
    } finally {
      running = false
    }
  }
  return detectAsync(fn, first, resolved, startedAt).finally(() => {
    running = false
  })
}

function detectSync(fn: () => unknown, options: ResolvedLeakOptions, startedAt: number): LeakResult {
  const collect = getGarbageCollector()
  const measurement = measureLeak({
    options,
    async: false,
    startedAt,
    firstCallMs: performance.now() - startedAt,
  })
  let calls = 1
  let report: CallReport | undefined
  let step = measurement.next()
  for (; !step.done; step = measurement.next(report)) {
    const window = new CallWindow(collect, step.value)
    let made = 0
    try {
      while (made < window.count) {
        const end = window.chunkEnd(made)
        for (; made < end; made++) fn()
        if (made < window.count && !window.betweenChunks()) break
      }
    } catch (error) {
      throw new FunctionThrewError(calls + made + 1, error)
    }
    calls += made
    report = window.report(made)
  }
  const result = step.value
  return result.status === 'leaking' && options.sites ? diagnoseSync(fn, result, options) : result
}

async function detectAsync(
  fn: () => unknown,
  first: PromiseLike<unknown>,
  options: ResolvedLeakOptions,
  startedAt: number,
): Promise<LeakResult> {
  const collect = getGarbageCollector()
  const deadline = new Deadline(options.timeout, startedAt)
  try {
    await deadline.settle(first, 1)
    // The runner may still be sending the previous test's results: memory it frees during the
    // first window would cancel out growth there. Let it finish first.
    for (let round = 0; round < 3; round++) await settleEventLoop()
    const measurement = measureLeak({
      options,
      async: true,
      startedAt,
      firstCallMs: performance.now() - startedAt,
    })
    let calls = 1
    let report: CallReport | undefined
    let step = measurement.next()
    for (; !step.done; step = measurement.next(report)) {
      const window = new CallWindow(collect, step.value)
      let made = 0
      while (made < window.count && !deadline.expired) {
        const end = window.chunkEnd(made)
        for (; made < end && !deadline.expired; made++) {
          let value: unknown
          try {
            value = fn()
          } catch (error) {
            throw new FunctionThrewError(calls + made + 1, error)
          }
          if (isPromiseLike(value)) await deadline.settle(value, calls + made + 1)
        }
        if (made >= window.count) break
        // Work the calls scheduled for later (immediates, expired timers) runs now and then, as it
        // would between real calls, instead of piling up for the whole window.
        const before = performance.now()
        await nextImmediate()
        window.pause(performance.now() - before)
        if (!window.betweenChunks()) break
      }
      calls += made
      report = window.report(made)
      await settleEventLoop()
    }
    const result = step.value
    return result.status === 'leaking' && options.sites ? await diagnoseAsync(fn, result, options) : result
  } finally {
    deadline.clear()
  }
}

/**
 * Lets timers, immediates and I/O callbacks queued by the calls run, so that memory they release is
 * released before the sample. The timers come from `node:timers`, which fake timers do not replace.
 */
async function settleEventLoop(): Promise<void> {
  await sleep(0)
  await nextImmediate()
}

/** One timer for the whole check: awaiting a call never allocates a timer per call. */
class Deadline {
  expired = false
  #wake: (() => void) | undefined
  readonly #timer: NodeJS.Timeout

  constructor(
    readonly timeout: number,
    startedAt: number,
  ) {
    this.#timer = setTimeout(
      () => {
        this.expired = true
        this.#wake?.()
      },
      Math.max(0, startedAt + timeout - performance.now()),
    )
    this.#timer.unref()
  }

  /** Waits for `value`; throws if the deadline passes first or if it rejects. */
  async settle(value: PromiseLike<unknown>, call: number): Promise<void> {
    let settled = false
    try {
      await new Promise<void>((resolve, reject) => {
        this.#wake = resolve
        value.then(
          () => {
            settled = true
            resolve()
          },
          (error: unknown) => {
            settled = true
            reject(error)
          },
        )
      })
    } catch (error) {
      throw new FunctionThrewError(call, error)
    } finally {
      this.#wake = undefined
    }
    if (!settled) throw new FunctionTimeoutError(call, this.timeout)
  }

  clear(): void {
    clearTimeout(this.#timer)
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  )
}
