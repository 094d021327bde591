import type { LeakRecord, leakSchemaVersion } from './leak-record.js'

/** The machine-readable report of a run, written by both reporters. */
export interface LeakRunReport {
  schemaVersion: typeof leakSchemaVersion
  tool: 'leakproof'
  runner: 'vitest' | 'jest'
  summary: LeakRunSummary
  records: LeakRecord[]
}

/** How many checks ended each way; `leaking` + `expectedLeaks` + `clean` + `inconclusive` = `checked`. */
export interface LeakRunSummary {
  checked: number
  clean: number
  /** Leaks where none was expected: the ones to fix. */
  leaking: number
  /**
   * Leaks found by `expect(fn).toLeakMemory()`, which expected them (regression tests of known
   * leaks). Absent in reports written before it was added, where `leaking` counts them too.
   */
  expectedLeaks?: number
  inconclusive: number
}
