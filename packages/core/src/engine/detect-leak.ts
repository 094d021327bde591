import { diagnoseAsync, diagnoseSync } from '../diagnosis/diagnose-leak.js'
import { ConcurrentCheckError, FunctionThrewError, NotAFunctionError } from '../errors/leakproof-error.js'
import { type LeakOptions, type ResolvedLeakOptions, resolveOptions } from '../options/resolve-options.js'
import type { LeakResult } from '../result/leak-result.js'
import { type GarbageCollector, getGarbageCollector } from '../runtime/force-gc.js'
import { isPromiseLike } from '../runtime/is-promise-like.js'
import { resumeOptimizer } from '../runtime/optimizer-pause.js'
import { nextImmediate, now, settleEventLoop } from '../runtime/real-clock.js'
import { realmOf } from '../runtime/realm-of.js'
import { markHeapUnsettled, settleHeap } from '../runtime/settle-heap.js'
import { type CheckControl, checkBudget } from './check-control.js'
import { type CheckProgress, ProgressThrottle } from './check-progress.js'
import { Deadline } from './deadline.js'
import { MeasurementRun } from './measurement-run.js'
import { primeJudge } from './prime-judge.js'
import { probeDeferredWork } from './probe-deferred-work.js'

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
  // A leak verdict leaves part of the budget to its diagnosis; a clean verdict may use all of it
  // but a grace period, in which a call in flight when the verdict's time ends may still settle.
  const reserve = Math.max(resolved.sites ? Math.min(0.35 * budget, 2500) : 0, Math.min(0.1 * budget, 500))
  let calls = 1
  const throttle = new ProgressThrottle(control?.onProgress, startedAt, budget)
  const progress = (made: number, phase?: CheckProgress['phase']) => {
    calls = made
    throttle.report(made, phase, phase === 'diagnosing')
  }
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
    finishCheck(deadline, throttle)
    throw error
  }
  if (!isPromiseLike(first)) {
    try {
      return detectSync(fn, resolved, deadline, progress)
    } finally {
      finishCheck(deadline, throttle)
    }
  }
  return detectAsync(fn, first, resolved, deadline, progress).finally(() => finishCheck(deadline, throttle))
}

/** Whatever way a check ends (a verdict, an error, its test ending), it leaves nothing behind. */
function finishCheck(deadline: Deadline, throttle: ProgressThrottle): void {
  running = false
  resumeOptimizer()
  deadline.clear()
  throttle.finish()
}

function detectSync(
  fn: () => unknown,
  options: ResolvedLeakOptions,
  deadline: Deadline,
  progress: (calls: number, phase?: CheckProgress['phase']) => void,
  collect?: GarbageCollector,
): LeakResult {
  // The dry run (its own `collect`) primes nothing.
  const prime = collect ? undefined : () => primeMeter(deadline)
  const run = new MeasurementRun(options, false, deadline, prime, collect)
  for (let window = run.nextWindow(); window; window = run.nextWindow()) {
    let made = 0
    try {
      while (made < window.count) {
        const end = window.chunkEnd(made)
        for (; made < end; made++) fn()
        if (made >= window.count) break
        if (!window.betweenChunks(made) || deadline.verdictExpired || run.bound.stopsWindowAt(made)) break
      }
    } catch (error) {
      throw wrapThrow(run.calls + made + 1, error)
    }
    run.finishWindow(window.report(made))
    progress(run.calls)
  }
  const result = run.bound.explain(deferredRelease(fn, run.result, run.callMs))
  // The diagnosis runs the function as the user's code would run (with the optimising compilers).
  resumeOptimizer()
  if (result.status !== 'leaking' || !options.sites) return result
  progress(run.calls, 'diagnosing')
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
  progress: (calls: number, phase?: CheckProgress['phase']) => void,
): Promise<LeakResult> {
  await deadline.settle(first, 1)
  // The runner may still be sending the previous test's results: memory it frees during the
  // first window would cancel out growth there. Let it finish first.
  for (let round = 0; round < 3; round++) await deadline.race(settleEventLoop())
  const run = new MeasurementRun(options, true, deadline, () => primeMeter(deadline))
  for (let window = run.nextWindow(); window; window = run.nextWindow()) {
    let made = 0
    while (made < window.count && !deadline.verdictExpired) {
      const end = window.chunkEnd(made)
      for (; made < end && !deadline.verdictExpired; made++) {
        let value: unknown
        try {
          value = fn()
        } catch (error) {
          throw wrapThrow(run.calls + made + 1, error)
        }
        if (isPromiseLike(value)) await deadline.settle(value, run.calls + made + 1)
      }
      if (made >= window.count) break
      // Work the calls scheduled for later (immediates, expired timers) runs now and then, as it
      // would between real calls, instead of piling up for the whole window.
      const before = now()
      await deadline.race(nextImmediate())
      window.pause(now() - before)
      if (!window.betweenChunks(made) || run.bound.stopsWindowAt(made)) break
    }
    deadline.throwIfAborted()
    progress(run.calls + made)
    const report = window.report(made)
    await deadline.race(settleEventLoop())
    run.finishWindow(report)
  }
  const result = run.bound.explain(run.result)
  resumeOptimizer()
  if (result.status !== 'leaking' || !options.sites) return result
  progress(run.calls, 'diagnosing')
  const diagnosed = await diagnoseAsync(fn, result, options, deadline)
  return {
    ...diagnosed,
    durationMs: now() - deadline.startedAt,
    diagnosisMs: now() - deadline.startedAt - result.verdictMs,
  }
}

/**
 * A synchronous check never lets the event loop turn, so memory held by the timers, ticks,
 * microtasks or finalization callbacks a function schedules is never released there. No leak
 * verdict may rest on that: such growth is answered inconclusive, with the fix.
 */
function deferredRelease(fn: () => unknown, result: LeakResult, callMs: number): LeakResult {
  if (result.status !== 'leaking') return result
  const calls = Math.max(8, Math.min(50, Math.floor(100 / Math.max(callMs, 1e-6))))
  const work = probeDeferredWork(fn, calls, realmOf(fn), getGarbageCollector())
  if (work.lasting || work.kinds.length === 0) return result
  const { status: _status, leaked: _leaked, ...rest } = result
  return {
    ...rest,
    status: 'inconclusive',
    leaked: false,
    reason:
      `memory grew (~${Math.round(result.bytesPerIteration)} B/call), but each call schedules work that ` +
      `releases memory only once the event loop turns (${work.kinds.join(', ')}), which a synchronous check ` +
      'never lets happen. Make the checked function async (e.g. `async () => { fn(); await new Promise((r) => ' +
      'setImmediate(r)) }`) and await the check',
  }
}

/**
 * The dry run's share of a check's budget, and its most. Quiet, it takes ~80-130 ms (most of it the
 * meter's code compiled for the first time); with two busy processes beside it, 150 ms cut it short
 * in 6 of 10 runs, and with four (or a loaded CI runner's parallel test files), 250 ms in 4 of 8,
 * and the meter's growth came back.
 */
const primeShare = 0.05
const maxPrimeMs = 500
/** Windows the dry run makes at least: V8 gives a function its feedback vector after ~8 calls. */
const primeWindows = 24
/**
 * Its busy calls' cost, just costly (see `cheapCallMs`), and the calls of each of its measurements:
 * what primes the meter is its windows' count, not their length. Calls of 50 us until a verdict took
 * 130-270 ms, three quarters of it in the calls.
 */
const primeCallMs = 0.025
const primeCalls = 400
let primed = false

/**
 * The meter's own code (planning, sampling, judging) is compiled, given feedback vectors and
 * optimised as a check first reaches each part of it: a few KB at a time, ~30-90 KB over a first
 * check, once per loaded copy of the engine (every test file, in Vitest). Over the short windows of
 * a costly function that reads as a leak of hundreds of bytes per call (a clean 10 ms CSV parse was
 * called a 243 B/call leak as a file's first check), and small growth in the first dozen windows
 * (feedback vectors of what runs once a window) held clean verdicts back by as many windows. So the
 * first costly check of each copy starts with a dry run of the meter on a flat busy loop, within its
 * own budget. Its windows end in scavenges, not full GCs: what it measures is thrown away, and
 * short, cheap windows let it run through as many windows as a real check's verdict takes.
 */
function primeMeter(deadline: Deadline): void {
  // Set first: the dry run is a check too, and must not prime itself.
  if (primed) return
  primed = true
  const startedAt = now()
  const endAt = startedAt + Math.min(maxPrimeMs, primeShare * (deadline.endAt - deadline.startedAt))
  const collect = getGarbageCollector()
  const scavenge: GarbageCollector = () => collect({ type: 'minor' })
  const busy = () => {
    const until = now() + primeCallMs
    while (now() < until);
  }
  primeJudge()
  for (let windows = 0; windows < primeWindows && now() < endAt; ) {
    const dry = new Deadline(now(), endAt, endAt, undefined, () => 0)
    const options = resolveOptions({
      timeout: Math.max(1, Math.round(endAt - now())),
      iterations: primeCalls,
      sites: false,
      retainers: false,
    })
    try {
      windows += detectSync(busy, options, dry, () => {}, scavenge).samples.length
    } catch {
      // A dry run that fails leaves the meter as cold as before, nothing worse.
      break
    } finally {
      dry.clear()
    }
  }
  // What the dry run left for full GCs to free (its scavenges promoted it) would be freed in the
  // check's first windows, and read as a swing there.
  markHeapUnsettled()
  settleHeap(collect)
}

function wrapThrow(call: number, error: unknown): Error {
  return error instanceof FunctionThrewError ? error : new FunctionThrewError(call, error)
}
