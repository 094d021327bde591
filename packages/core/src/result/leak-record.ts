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

/**
 * What a check asserted: `clean` for `expect(fn).not.toLeakMemory()` and `leakCheck`, `leak` for
 * `expect(fn).toLeakMemory()` (a regression test of a known leak).
 */
export type LeakExpectation = 'clean' | 'leak'

/** How a check's test judged its verdict, as the matcher (or `leakCheck`) knows it. */
export interface LeakCheckOutcome {
  expected: LeakExpectation
  /** Whether the check passed: a leak found by `toLeakMemory()` passes, and is an expected leak. */
  passed: boolean
  /** The `.heapsnapshot` written on the leak (option `heapSnapshot: 'on-leak'`). */
  heapSnapshot?: string
}

/** One leak check, as it travels from a worker to the reporter and into the JSON report. */
export interface LeakRecord extends LeakTestIdentity {
  schemaVersion: typeof leakSchemaVersion
  status: LeakStatus
  /** What the check asserted. Absent in records written before it was added: read as `clean`. */
  expected?: LeakExpectation
  /** Whether the check passed. Absent in older records: read as "passed unless leaking". */
  passed?: boolean
  bytesPerIteration: number
  iterations: number
  durationMs: number
  collections: number
  /** Clean verdicts: the smallest leak, in bytes per call, that the verdict rules out. */
  resolution?: number
  async: boolean
  reason: string
  /** Where the leak comes from (leaking checks with the `sites` option on). */
  sites?: LeakSite[]
  /** Who keeps the leaked objects alive. */
  retainers?: RetainerPath[]
  /** What the diagnosis could not find. */
  diagnosisNotes?: string[]
  /** The `.heapsnapshot` written when the leak was found (option `heapSnapshot: 'on-leak'`). */
  heapSnapshot?: string
  /** Memory after each window's full GC: what the verdict rests on. */
  samples: LeakSample[]
  /** The formatted message (plain text), so reporters print exactly what the matcher printed. */
  message: string
}
