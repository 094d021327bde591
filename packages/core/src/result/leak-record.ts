import type { LeakSample, LeakStatus } from './leak-result.js'
import type { LeakSite } from './leak-site.js'
import type { RetainerPath } from './retainer-path.js'

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
