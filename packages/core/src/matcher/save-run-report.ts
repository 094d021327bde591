import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { makeFolders } from '../report/make-folders.js'
import { unwritableReport } from '../report/unwritable-report.js'
import { writeRunReport } from '../report/write-run-report.js'
import type { LeakRunReport } from '../result/leak-run-report.js'

/**
 * Writes the JSON report of the run that just ended, or, when no check gave a record, removes the
 * report an earlier run left there: the file at `path` always describes the last run. Returns a
 * warning instead of throwing: a report that cannot be written must not fail a green run.
 */
export function saveRunReport(path: string, report: LeakRunReport | undefined): string | undefined {
  try {
    if (!report) {
      rmSync(path, { force: true })
      return undefined
    }
    makeFolders(dirname(path))
    writeRunReport(path, report)
    return undefined
  } catch (error) {
    return unwritableReport(
      `${report ? 'write' : 'remove the previous'} JSON report`,
      path,
      error,
      'outputFile',
    )
  }
}
