import { describeError } from '../errors/leakproof-error.js'
import type { ResolvedLeakOptions } from '../options/resolve-options.js'
import type { LeakingResult } from '../result/leak-result.js'
import type { RetainerPath } from '../result/retainer-path.js'
import { getGarbageCollector } from '../runtime/force-gc.js'
import { isPromiseLike } from '../runtime/is-promise-like.js'
import { readHeapBytes } from '../runtime/read-memory.js'
import { now } from '../runtime/real-clock.js'
import { markHeapUnsettled } from '../runtime/settle-heap.js'
import { LeakDiagnosis } from './leak-diagnosis.js'
import { locateHolder } from './retainers/locate-holder.js'
import { RetainerProbe } from './retainers/retainer-probe.js'
import type { RetainerTarget } from './retainers/retainer-target.js'
import { leakproofRoots } from './source/leakproof-root.js'

/**
 * Calls the diagnosis pass may make, and the time it may take for them: it stops much earlier when a
 * leaking line has shown itself (see `LeakDiagnosis.enough`).
 */
const diagnosisCalls = 2048
const diagnosisMs = 1000
/** What a heap snapshot costs per MB of heap (measured: 8 MB in 1.2 s, 44 MB in 7.8 s, loaded). */
const snapshotMsPerMB = 150
/** The most the snapshot fallback may take: beyond it, no retainer path is better than a slow one. */
const fallbackMs = 2000
/** Calls between the two heap snapshots of the retainer pass. */
const retainerCalls = 100
const retainerMs = 150

/** The check's clock as the diagnosis sees it: when the check must end, and how to await a call. */
export interface DiagnosisDeadline {
  readonly endAt: number
  settle(value: PromiseLike<unknown>, call: number): Promise<void>
}

/**
 * A run of calls the diagnosis asks its driver for; `onCall` runs before each call, `enough` after
 * each, and ends the run early when it says so.
 */
interface CallRun {
  calls: number
  ms: number
  onCall?: () => void
  enough?: (made: number, elapsedMs: number) => boolean
}

/** What the driver answers: how many calls it made, and what the function threw, if it did. */
interface CallRunReport {
  made: number
  error?: unknown
}

/** Runs the diagnosis pass of a sync function and returns the result with its sites. */
export function diagnoseSync(
  fn: () => unknown,
  result: LeakingResult,
  options: ResolvedLeakOptions,
  endAt: number,
): LeakingResult {
  const plan = diagnosisPlan(fn, result, options, endAt)
  for (let step = plan.next(); ; ) {
    if (step.done) return step.value
    const run = step.value
    const started = now()
    const deadline = Math.min(endAt, started + run.ms)
    let made = 0
    try {
      while (made < run.calls && now() < deadline) {
        run.onCall?.()
        fn()
        made++
        if (run.enough?.(made, now() - started)) break
      }
      step = plan.next({ made })
    } catch (error) {
      step = plan.next({ made, error })
    }
  }
}

/** The same for an async function: calls are awaited one at a time. */
export async function diagnoseAsync(
  fn: () => unknown,
  result: LeakingResult,
  options: ResolvedLeakOptions,
  check: DiagnosisDeadline,
): Promise<LeakingResult> {
  const plan = diagnosisPlan(fn, result, options, check.endAt)
  for (let step = plan.next(); ; ) {
    if (step.done) return step.value
    const run = step.value
    const started = now()
    const deadline = Math.min(check.endAt, started + run.ms)
    let made = 0
    try {
      while (made < run.calls && now() < deadline) {
        run.onCall?.()
        const value = fn()
        // A call that stops settling (a pool that ran dry) ends the pass at the check's deadline.
        if (isPromiseLike(value)) await check.settle(value, made + 1)
        made++
        if (run.enough?.(made, now() - started)) break
      }
      step = plan.next({ made })
    } catch (error) {
      step = plan.next({ made, error })
    }
  }
}

/**
 * The diagnosis, written once for both drivers: the sites pass (instrumented calls, then the heap
 * profile), then the retainer pass (a walk from the function to the structure the leak is stored in;
 * heap snapshots, one or two around a few more calls, only as the fallback on small heaps).
 */
function* diagnosisPlan(
  fn: () => unknown,
  result: LeakingResult,
  options: ResolvedLeakOptions,
  endAt: number,
): Generator<CallRun, LeakingResult, CallRunReport> {
  try {
    return yield* diagnosisPasses(fn, result, options, endAt)
  } finally {
    // Inspector sessions and snapshots leave objects only a second full GC frees (a quarter MB).
    markHeapUnsettled()
  }
}

function* diagnosisPasses(
  fn: () => unknown,
  result: LeakingResult,
  options: ResolvedLeakOptions,
  endAt: number,
): Generator<CallRun, LeakingResult, CallRunReport> {
  const started = now()
  const diagnosis = newDiagnosis(result, options)
  const notes: string[] = []
  try {
    diagnosis.start(fn)
    const report = yield {
      calls: diagnosisCalls,
      ms: diagnosisMs,
      onCall: () => diagnosis.beginCall(),
      enough: (made, elapsedMs) => diagnosis.enough(made, elapsedMs),
    }
    if (report.error !== undefined) notes.push(`the diagnosis pass stopped: ${describeError(report.error)}`)
  } catch (error) {
    notes.push(`the diagnosis pass stopped: ${describeError(error)}`)
  } finally {
    diagnosis.stop()
  }
  const withWhere = withSites(result, diagnosis, notes)
  const sites = now() - started
  if (!options.retainers) return withPhases(withWhere, options, { sites })
  const target = diagnosis.takeRetainerTarget()
  const retained = yield* retainerPass(fn, withWhere, target, options, endAt)
  return withPhases(retained, options, { sites, retainers: now() - started - sites })
}

/**
 * Who keeps the leak alive. When the sites pass found the structure (or the variable) the leak is
 * stored in, a walk from the function finds its holder without a heap snapshot; heap snapshots,
 * which cost seconds and hundreds of MB on a 50 MB heap, remain the fallback on small heaps.
 */
function* retainerPass(
  fn: () => unknown,
  result: LeakingResult,
  target: RetainerTarget | undefined,
  options: ResolvedLeakOptions,
  endAt: number,
): Generator<CallRun, LeakingResult, CallRunReport> {
  if (target) {
    try {
      const scope = { include: options.include, exclude: options.exclude, leakproofRoots }
      const path = locateHolder(fn, target, scope, endAt)
      if (path) return { ...result, retainers: [path] }
    } catch (error) {
      result = withNote(result, `the holder of the leak could not be found: ${describeError(error)}`)
    }
  }
  const refusal = RetainerProbe.refusal(options.retainersMaxHeap)
  if (refusal) return withNote(result, refusal)
  // A heap snapshot cannot be stopped halfway: skip it when it would not end before the check must,
  // or would cost more than a diagnosis may (seconds and hundreds of MB on a 50 MB heap).
  const snapshots = target?.structure ? 1 : 2
  const snapshotMs = snapshots * (100 + (snapshotMsPerMB * readHeapBytes()) / 2 ** 20)
  if (snapshotMs > Math.min(fallbackMs, endAt - now())) {
    return withNote(
      result,
      `retainer paths skipped: no holder was found from the function, and heap snapshots would take ~${Math.round(snapshotMs)} ms here`,
    )
  }
  try {
    if (target?.structure)
      return withRetainers(result, RetainerProbe.pathTo({ ...target, structure: target.structure }))
    const probe = RetainerProbe.start()
    const report = yield { calls: retainerCalls, ms: retainerMs }
    if (report.error !== undefined) {
      probe.dispose()
      throw report.error
    }
    return withRetainers(result, probe.finish(report.made))
  } catch (error) {
    return withNote(result, `retainer paths could not be found: ${describeError(error)}`)
  }
}

/** In debug, a note says how long each phase of the diagnosis took. */
function withPhases(
  result: LeakingResult,
  options: ResolvedLeakOptions,
  phases: Record<string, number>,
): LeakingResult {
  if (!options.debug) return result
  const text = Object.entries(phases)
    .map(([phase, ms]) => `${phase} ${Math.round(ms)} ms`)
    .join(', ')
  return withNote(result, `diagnosis phases: ${text}`)
}

function withRetainers(result: LeakingResult, retainers: RetainerPath[]): LeakingResult {
  if (retainers.length === 0)
    return withNote(result, 'no retainer path: no path from a GC root to what leaked')
  return { ...result, retainers }
}

function withNote(result: LeakingResult, note: string): LeakingResult {
  return { ...result, diagnosisNotes: [...(result.diagnosisNotes ?? []), note] }
}

function newDiagnosis(result: LeakingResult, options: ResolvedLeakOptions): LeakDiagnosis {
  return new LeakDiagnosis({
    traceback: options.traceback,
    debug: options.debug,
    include: options.include,
    exclude: options.exclude,
    bytesPerIteration: result.bytesPerIteration,
  })
}

function withSites(result: LeakingResult, diagnosis: LeakDiagnosis, notes: string[]): LeakingResult {
  let sites: LeakingResult['sites'] = []
  try {
    sites = diagnosis.sites(getGarbageCollector())
  } catch (error) {
    notes.push(`the leaking lines could not be worked out: ${describeError(error)}`)
  } finally {
    diagnosis.dispose()
  }
  notes.push(...diagnosis.notes)
  if (!sites.some((site) => site.kind === 'stored-at') && notes.length === 0) {
    notes.push(
      'no line of your code stored values that stayed in a collection, listener list or timer; ' +
        'the leak may be an index or property write, a closure chain or a growing string',
    )
  }
  return { ...result, sites, ...(notes.length ? { diagnosisNotes: notes } : {}) }
}
