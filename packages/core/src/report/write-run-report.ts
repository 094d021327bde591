import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { LeakRunReport } from '../result/leak-run-report.js'

export function writeRunReport(path: string, report: LeakRunReport): void {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`)
}
