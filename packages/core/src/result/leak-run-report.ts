import type { LeakRecord, leakSchemaVersion } from './leak-record.js'

/** The machine-readable report of a run, written by both reporters. */
export interface LeakRunReport {
  schemaVersion: typeof leakSchemaVersion
  tool: 'leakproof'
  runner: 'vitest' | 'jest'
  summary: { checked: number; clean: number; leaking: number; inconclusive: number }
  records: LeakRecord[]
}
