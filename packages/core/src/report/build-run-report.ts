import { type LeakRecord, leakSchemaVersion } from '../result/leak-record.js'
import type { LeakRunReport } from '../result/leak-run-report.js'

/** The run report of a runner's records: every check, and how many of each verdict. */
export function buildRunReport(
  runner: LeakRunReport['runner'],
  records: readonly LeakRecord[],
): LeakRunReport {
  const count = (status: LeakRecord['status']) => records.filter((r) => r.status === status).length
  return {
    schemaVersion: leakSchemaVersion,
    tool: 'leakproof',
    runner,
    summary: {
      checked: records.length,
      clean: count('clean'),
      leaking: count('leaking'),
      inconclusive: count('inconclusive'),
    },
    records: [...records],
  }
}
