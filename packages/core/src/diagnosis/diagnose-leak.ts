import { getGarbageCollector } from '../force-gc.js'
import type { LeakingResult } from '../leak-result.js'
import type { ResolvedLeakOptions } from '../resolve-options.js'
import type { RetainerPath } from './find-retainers.js'
import { LeakDiagnosis } from './leak-diagnosis.js'
import { RetainerProbe } from './retainer-probe.js'

/** Calls made by the diagnosis pass, and the time it may take for them. */
const diagnosisCalls = 200
const diagnosisMs = 250
/** Calls between the two heap snapshots of the retainer pass. */
const retainerCalls = 100
const retainerMs = 150

/** Runs the diagnosis pass of a sync function and returns the result with its sites. */
export function diagnoseSync(
  fn: () => unknown,
  result: LeakingResult,
  options: ResolvedLeakOptions,
): LeakingResult {
  const diagnosis = newDiagnosis(result, options)
  const notes: string[] = []
  const deadline = performance.now() + diagnosisMs
  try {
    diagnosis.start(fn)
    for (let i = 0; i < diagnosisCalls && performance.now() < deadline; i++) {
      diagnosis.beginCall()
      fn()
    }
  } catch (error) {
    notes.push(`the diagnosis pass stopped: ${describe(error)}`)
  } finally {
    diagnosis.stop()
  }
  const withWhere = withSites(result, diagnosis, notes)
  if (!options.retainers) return withWhere
  const refusal = RetainerProbe.refusal(options.retainersMaxHeap)
  if (refusal) return withNote(withWhere, refusal)
  try {
    const target = diagnosis.takeRetainerTarget()
    if (target) return withRetainers(withWhere, RetainerProbe.pathTo(target))
    const probe = RetainerProbe.start()
    let calls = 0
    try {
      const deadline = performance.now() + retainerMs
      for (; calls < retainerCalls && performance.now() < deadline; calls++) fn()
    } catch (error) {
      probe.dispose()
      throw error
    }
    return withRetainers(withWhere, probe.finish(calls))
  } catch (error) {
    return withNote(withWhere, `retainer paths could not be found: ${describe(error)}`)
  }
}

/** The same for an async function: calls are awaited one at a time. */
export async function diagnoseAsync(
  fn: () => unknown,
  result: LeakingResult,
  options: ResolvedLeakOptions,
): Promise<LeakingResult> {
  const diagnosis = newDiagnosis(result, options)
  const notes: string[] = []
  const deadline = performance.now() + diagnosisMs
  try {
    diagnosis.start(fn)
    for (let i = 0; i < diagnosisCalls && performance.now() < deadline; i++) {
      diagnosis.beginCall()
      await fn()
    }
  } catch (error) {
    notes.push(`the diagnosis pass stopped: ${describe(error)}`)
  } finally {
    diagnosis.stop()
  }
  const withWhere = withSites(result, diagnosis, notes)
  if (!options.retainers) return withWhere
  const refusal = RetainerProbe.refusal(options.retainersMaxHeap)
  if (refusal) return withNote(withWhere, refusal)
  try {
    const target = diagnosis.takeRetainerTarget()
    if (target) return withRetainers(withWhere, RetainerProbe.pathTo(target))
    const probe = RetainerProbe.start()
    let calls = 0
    try {
      const deadline = performance.now() + retainerMs
      for (; calls < retainerCalls && performance.now() < deadline; calls++) await fn()
    } catch (error) {
      probe.dispose()
      throw error
    }
    return withRetainers(withWhere, probe.finish(calls))
  } catch (error) {
    return withNote(withWhere, `retainer paths could not be found: ${describe(error)}`)
  }
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
    include: options.include,
    exclude: options.exclude,
    bytesPerIteration: result.bytesPerIteration,
  })
}

function withSites(result: LeakingResult, diagnosis: LeakDiagnosis, notes: string[]): LeakingResult {
  let sites: LeakingResult['sites'] = []
  try {
    getGarbageCollector()()
    sites = diagnosis.sites()
  } catch (error) {
    notes.push(`the leaking lines could not be worked out: ${describe(error)}`)
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

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
}
