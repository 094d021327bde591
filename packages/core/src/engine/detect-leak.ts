import { diagnoseAsync, diagnoseSync } from '../diagnosis/diagnose-leak.js'
import { ConcurrentCheckError, FunctionThrewError, NotAFunctionError } from '../errors/leakproof-error.js'
import { type LeakOptions, type ResolvedLeakOptions, resolveOptions } from '../options/resolve-options.js'
import type { LeakResult } from '../result/leak-result.js'
import { getGarbageCollector } from '../runtime/force-gc.js'
import { nextImmediate, now, settleEventLoop } from '../runtime/real-clock.js'
import { type CallReport, CallWindow } from './call-window.js'
import { type CheckControl, checkBudget } from './check-control.js'
import { Deadline } from './deadline.js'
import { isPromiseLike } from './is-promise-like.js'
import { type MeasureContext, measureLeak } from './measure-leak.js'
import { RetainedBound } from './retained-bound.js'

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
  return runCheck(fn, options)
}

/**
 * `detectLeak` for a check that a test owns: the adapters pass the time left before the test's
 * timeout (the default budget) and a signal that ends the check when the test ends.
 */
export function runCheck(
  fn: () => unknown,
  options?: LeakOptions,
  control?: CheckControl,
): LeakResult | Promise<LeakResult> {
  if (typeof fn !== 'function') throw new NotAFunctionError(fn)
  const resolved = resolveOptions(options)
  if (running) throw new ConcurrentCheckError()
  running = true
  const startedAt = now()
  const budget = checkBudget(options?.timeout, control)
  // A leak verdict leaves part of the budget to its diagnosis; a clean verdict may use all of it.
  const reserve = resolved.sites ? Math.min(0.35 * budget, 2500) : 0
  let calls = 1
  const deadline = new Deadline(
    startedAt,
    startedAt + budget - reserve,
    startedAt + budget,
    control?.signal,
    () => calls,
  )
  let first: unknown
  try {
    deadline.throwIfAborted()
    try {
      first = fn()
    } catch (error) {
      throw wrapThrow(1, error)
    }
  } catch (error) {
    running = false
    deadline.clear()
    throw error
  }
  if (!isPromiseLike(first)) {
    try {
      return detectSync(fn, resolved, deadline, (made) => {
        calls = made
      })
    } finally {
      running = false
      deadline.clear()
    }
  }
  return detectAsync(fn, first, resolved, deadline, (made) => {
    calls = made
  }).finally(() => {
    running = false
    deadline.clear()
  })
}

function detectSync(
  fn: () => unknown,
  options: ResolvedLeakOptions,
  deadline: Deadline,
  progress: (calls: number) => void,
): LeakResult {
  const collect = getGarbageCollector()
  const measurement = measureLeak(measureContext(options, false, deadline))
  const bound = new RetainedBound(options.maxRetainedBytes)
  let calls = 1
  let callMs = now() - deadline.startedAt
  let report: CallReport | undefined
  let step = measurement.next()
  // The measurement has settled the heap before its first window: the cap counts from here.
  bound.start()
  for (; !step.done; step = nextStep(measurement, report, bound, deadline)) {
    const window = new CallWindow(collect, step.value, callMs)
    let made = 0
    try {
      while (made < window.count) {
        const end = window.chunkEnd(made)
        for (; made < end; made++) fn()
        if (made >= window.count) break
        if (!window.betweenChunks(made) || deadline.verdictExpired || bound.stopsWindowAt(made)) break
      }
    } catch (error) {
      throw wrapThrow(calls + made + 1, error)
    }
    calls += made
    progress(calls)
    report = window.report(made)
    if (made > 0) callMs = report.elapsedMs / made
  }
  const result = bound.explain(step.value)
  if (result.status !== 'leaking' || !options.sites) return result
  const diagnosed = diagnoseSync(fn, result, options, deadline.endAt)
  return {
    ...diagnosed,
    durationMs: now() - deadline.startedAt,
    diagnosisMs: now() - deadline.startedAt - result.verdictMs,
  }
}

async function detectAsync(
  fn: () => unknown,
  first: PromiseLike<unknown>,
  options: ResolvedLeakOptions,
  deadline: Deadline,
  progress: (calls: number) => void,
): Promise<LeakResult> {
  const collect = getGarbageCollector()
  await deadline.settle(first, 1)
  // The runner may still be sending the previous test's results: memory it frees during the
  // first window would cancel out growth there. Let it finish first.
  for (let round = 0; round < 3; round++) await deadline.race(settleEventLoop())
  const measurement = measureLeak(measureContext(options, true, deadline))
  const bound = new RetainedBound(options.maxRetainedBytes)
  let calls = 1
  let callMs = now() - deadline.startedAt
  let report: CallReport | undefined
  let step = measurement.next()
  bound.start()
  for (; !step.done; step = nextStep(measurement, report, bound, deadline)) {
    const window = new CallWindow(collect, step.value, callMs)
    let made = 0
    while (made < window.count && !deadline.verdictExpired) {
      const end = window.chunkEnd(made)
      for (; made < end && !deadline.verdictExpired; made++) {
        let value: unknown
        try {
          value = fn()
        } catch (error) {
          throw wrapThrow(calls + made + 1, error)
        }
        if (isPromiseLike(value)) await deadline.settle(value, calls + made + 1)
      }
      if (made >= window.count) break
      // Work the calls scheduled for later (immediates, expired timers) runs now and then, as it
      // would between real calls, instead of piling up for the whole window.
      const before = now()
      await deadline.race(nextImmediate())
      window.pause(now() - before)
      if (!window.betweenChunks(made) || bound.stopsWindowAt(made)) break
    }
    deadline.throwIfAborted()
    calls += made
    progress(calls)
    report = window.report(made)
    if (made > 0) callMs = report.elapsedMs / made
    await deadline.race(settleEventLoop())
  }
  const result = bound.explain(step.value)
  if (result.status !== 'leaking' || !options.sites) return result
  const diagnosed = await diagnoseAsync(fn, result, options, deadline)
  return {
    ...diagnosed,
    durationMs: now() - deadline.startedAt,
    diagnosisMs: now() - deadline.startedAt - result.verdictMs,
  }
}

/** The measurement's view of the check; `verdictAt` is read live, so the retained cap can end it. */
function measureContext(options: ResolvedLeakOptions, async: boolean, deadline: Deadline): MeasureContext {
  return {
    options,
    async,
    startedAt: deadline.startedAt,
    firstCallMs: now() - deadline.startedAt,
    get verdictAt() {
      return deadline.verdictAt
    },
  }
}

/**
 * Resumes the measurement after a window; its full GC shows what the function really retains, and
 * past `maxRetainedBytes` the measurement gets no more time: it answers with what it has.
 */
function nextStep(
  measurement: ReturnType<typeof measureLeak>,
  report: CallReport | undefined,
  bound: RetainedBound,
  deadline: Deadline,
): ReturnType<ReturnType<typeof measureLeak>['next']> {
  const step = measurement.next(report)
  if (!step.done && step.value > 0 && bound.exceeded(true)) deadline.endVerdictNow()
  return step
}

function wrapThrow(call: number, error: unknown): Error {
  return error instanceof FunctionThrewError ? error : new FunctionThrewError(call, error)
}
