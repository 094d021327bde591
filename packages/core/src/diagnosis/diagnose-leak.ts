import { getGarbageCollector } from '../force-gc.js'
import type { LeakingResult } from '../leak-result.js'
import type { ResolvedLeakOptions } from '../resolve-options.js'
import { LeakDiagnosis } from './leak-diagnosis.js'

/** Calls made by the diagnosis pass, and the time it may take for them. */
const diagnosisCalls = 200
const diagnosisMs = 250

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
  return withSites(result, diagnosis, notes)
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
  return withSites(result, diagnosis, notes)
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
