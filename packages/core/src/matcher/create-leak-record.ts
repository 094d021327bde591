import {
  type LeakCheckOutcome,
  type LeakRecord,
  type LeakTestIdentity,
  leakSchemaVersion,
} from '../result/leak-record.js'
import type { LeakResult } from '../result/leak-result.js'

/**
 * The record of one check, as a worker sends it to the reporter. `outcome` says what the check
 * asserted and whether it passed; without it the check is read as `not.toLeakMemory()`.
 */
export function createLeakRecord(
  result: LeakResult,
  test: LeakTestIdentity,
  message: string,
  outcome: LeakCheckOutcome = { expected: 'clean', passed: !result.leaked },
): LeakRecord {
  return {
    schemaVersion: leakSchemaVersion,
    ...test,
    status: result.status,
    expected: outcome.expected,
    passed: outcome.passed,
    bytesPerIteration: result.bytesPerIteration,
    iterations: result.iterations,
    durationMs: result.durationMs,
    collections: result.collections,
    ...(result.status === 'clean' ? { resolution: result.resolution } : {}),
    async: result.async,
    reason: result.reason,
    samples: result.samples,
    ...(result.status === 'leaking' && result.sites ? { sites: result.sites } : {}),
    ...(result.status === 'leaking' && result.retainers ? { retainers: result.retainers } : {}),
    ...(result.status === 'leaking' && result.diagnosisNotes
      ? { diagnosisNotes: result.diagnosisNotes }
      : {}),
    ...(outcome.heapSnapshot ? { heapSnapshot: outcome.heapSnapshot } : {}),
    message,
  }
}

/** Narrows data read back from a worker or a file to a record of this schema version. */
export function isLeakRecord(value: unknown): value is LeakRecord {
  const record = value as Partial<LeakRecord> | null
  return (
    typeof record === 'object' &&
    record !== null &&
    record.schemaVersion === leakSchemaVersion &&
    typeof record.id === 'string' &&
    typeof record.status === 'string'
  )
}
