import { type LeakRecord, leakSchemaVersion } from '../result/leak-record.js'
import type { LeakRunReport, LeakRunSummary } from '../result/leak-run-report.js'
import { checkOutcome } from './check-outcome.js'

/** The run report of a runner's records: every check, and how many ended each way. */
export function buildRunReport(
  runner: LeakRunReport['runner'],
  records: readonly LeakRecord[],
): LeakRunReport {
  return {
    schemaVersion: leakSchemaVersion,
    tool: 'leakproof',
    runner,
    summary: summarise(records),
    records: [...records],
  }
}

export function summarise(records: readonly LeakRecord[]): LeakRunSummary {
  const outcomes = records.map(checkOutcome)
  const count = (outcome: string) => outcomes.filter((o) => o === outcome).length
  return {
    checked: records.length,
    clean: count('clean'),
    leaking: count('leaking'),
    expectedLeaks: count('expected-leak'),
    inconclusive: count('inconclusive'),
  }
}
