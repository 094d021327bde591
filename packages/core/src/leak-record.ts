import type { RetainerPath } from './diagnosis/find-retainers.js'
import type { LeakSite } from './diagnosis/leak-site.js'
import type { LeakResult, LeakSample, LeakStatus } from './leak-result.js'

/** Version of the JSON shapes below; bumped on any incompatible change. */
export const leakSchemaVersion = 1

/** Which test a leak check belongs to, as the runner names it. */
export interface LeakTestIdentity {
  /** The runner's id of the test (Vitest task id, or file + full name under Jest). */
  id: string
  /** Absolute path of the test file. */
  file: string
  /** Full name of the test, describe blocks included. */
  name: string
  line?: number
  column?: number
}

/** One leak check, as it travels from a worker to the reporter and into the JSON report. */
export interface LeakRecord extends LeakTestIdentity {
  schemaVersion: typeof leakSchemaVersion
  status: LeakStatus
  bytesPerIteration: number
  iterations: number
  durationMs: number
  collections: number
  async: boolean
  reason: string
  /** Where the leak comes from (leaking checks with the `sites` option on). */
  sites?: LeakSite[]
  /** Who keeps the leaked objects alive. */
  retainers?: RetainerPath[]
  /** What the diagnosis could not find. */
  diagnosisNotes?: string[]
  /** Memory after each window's full GC: what the verdict rests on. */
  samples: LeakSample[]
  /** The formatted message (plain text), so reporters print exactly what the matcher printed. */
  message: string
}

export function createLeakRecord(result: LeakResult, test: LeakTestIdentity, message: string): LeakRecord {
  return {
    schemaVersion: leakSchemaVersion,
    ...test,
    status: result.status,
    bytesPerIteration: result.bytesPerIteration,
    iterations: result.iterations,
    durationMs: result.durationMs,
    collections: result.collections,
    async: result.async,
    reason: result.reason,
    samples: result.samples,
    ...(result.status === 'leaking' && result.sites ? { sites: result.sites } : {}),
    ...(result.status === 'leaking' && result.retainers ? { retainers: result.retainers } : {}),
    ...(result.status === 'leaking' && result.diagnosisNotes
      ? { diagnosisNotes: result.diagnosisNotes }
      : {}),
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
