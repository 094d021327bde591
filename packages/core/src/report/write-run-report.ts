import { writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { LeakRunReport } from '../result/leak-run-report.js'
import { makeFolders } from './make-folders.js'

export function writeRunReport(path: string, report: LeakRunReport): void {
  makeFolders(dirname(path))
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`)
}
