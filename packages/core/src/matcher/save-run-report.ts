import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
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
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message
    return (
      `leakproof: could not ${report ? 'write' : 'remove the previous'} JSON report at ${path} (${reason}). ` +
      'Set the reporter option `outputFile` to a path in a writable folder, or to false.'
    )
  }
}

/**
 * Creates missing folders one level at a time: Node 20's `mkdirSync(dir, { recursive: true })`
 * never returns for a folder it cannot create under /proc.
 */
function makeFolders(folder: string): void {
  if (existsSync(folder)) {
    if (!statSync(folder).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' })
    return
  }
  const parent = dirname(folder)
  if (parent !== folder) makeFolders(parent)
  mkdirSync(folder)
}
