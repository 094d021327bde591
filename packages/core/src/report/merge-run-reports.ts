import { LeakproofError } from '../errors/leakproof-error.js'
import type { LeakRunReport } from '../result/leak-run-report.js'
import { buildRunReport } from './build-run-report.js'

/** Reports that cannot be one: different schema versions or runners. */
export class MergeConflictError extends LeakproofError {
  override name = 'MergeConflictError'
}

/**
 * One report of several runs of the same suite (Jest `--shard`, parallel CI jobs). A test found in
 * more than one report (a re-run job) keeps its last record, so it is counted once.
 */
export function mergeRunReports(reports: readonly { path: string; report: LeakRunReport }[]): LeakRunReport {
  const [first] = reports
  if (!first) throw new MergeConflictError('nothing to merge: give at least one report')
  for (const { path, report } of reports) {
    if (report.schemaVersion !== first.report.schemaVersion) {
      throw new MergeConflictError(
        `cannot merge reports of different schema versions: ${first.path} has version ` +
          `${first.report.schemaVersion}, ${path} has version ${report.schemaVersion}`,
      )
    }
    if (report.runner !== first.report.runner) {
      throw new MergeConflictError(
        `cannot merge a ${first.report.runner} report (${first.path}) with a ${report.runner} report (${path})`,
      )
    }
  }
  const byTest = new Map(reports.flatMap(({ report }) => report.records.map((record) => [record.id, record])))
  return buildRunReport(first.report.runner, [...byTest.values()])
}
