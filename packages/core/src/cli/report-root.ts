import { dirname, resolve, sep } from 'node:path'
import type { LeakRunReport } from '../result/leak-run-report.js'

/**
 * The folder paths print relative to: `--root` when given, else the current folder when the report's
 * test files are in it, else their common folder (a report from a CI checkout read elsewhere).
 */
export function reportRoot(reports: readonly LeakRunReport[], cwd: string, root?: string): string {
  if (root) return resolve(cwd, root)
  const files = reports.flatMap((report) => report.records.map((record) => record.file))
  if (files.every((file) => file.startsWith(cwd + sep))) return cwd
  let common = dirname(files[0] ?? cwd)
  for (const file of files) {
    while (!file.startsWith(common + sep) && common !== dirname(common)) common = dirname(common)
  }
  return common
}
