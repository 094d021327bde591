import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { isLeakRecord } from '../matcher/create-leak-record.js'
import { summarise } from '../report/build-run-report.js'
import { leakSchemaVersion } from '../result/leak-record.js'
import type { LeakRunReport } from '../result/leak-run-report.js'
import { ReportFileError } from './cli-errors.js'

/**
 * Reads a leakproof JSON report, refusing with one sentence what this version cannot use: a
 * missing file, something that is not JSON or not a leakproof report, another schema version.
 * Only the fields the CLI relies on are checked; the JSON Schema describes the rest.
 */
export function readReportFile(path: string, cwd: string = process.cwd()): LeakRunReport {
  const report = readLeakproofJson(path, cwd)
  if (report.schemaVersion !== leakSchemaVersion) {
    throw new ReportFileError(
      path,
      `has schema version ${JSON.stringify(report.schemaVersion)}; this leakproof reads version ${leakSchemaVersion}` +
        (typeof report.schemaVersion === 'number' && report.schemaVersion > leakSchemaVersion
          ? ' (upgrade leakproof to read it)'
          : ''),
    )
  }
  if (!Array.isArray(report.records) || !report.records.every(isLeakRecord)) {
    throw new ReportFileError(path, 'has records that are not leakproof records of this schema version')
  }
  if (report.runner !== 'vitest' && report.runner !== 'jest') {
    throw new ReportFileError(path, `names an unknown runner ${JSON.stringify(report.runner)}`)
  }
  // Counted afresh from the records: a report from before expected leaks were counted apart
  // then reads like a new one, and a hand-edited summary cannot disagree with its records.
  return { ...(report as LeakRunReport), summary: summarise(report.records) }
}

/** The schema version of a leakproof report of any version, to tell mixed inputs apart. */
export function readSchemaVersion(path: string, cwd: string = process.cwd()): unknown {
  return readLeakproofJson(path, cwd).schemaVersion
}

/** `path` as the user gave it, for messages; read relative to `cwd`. */
function readLeakproofJson(path: string, cwd: string): Partial<LeakRunReport> {
  let text: string
  try {
    text = readFileSync(resolve(cwd, path), 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new ReportFileError(path, code === 'ENOENT' ? 'no such file' : `cannot be read (${code})`)
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new ReportFileError(path, 'is not JSON, so not a leakproof report')
  }
  const report = value as Partial<LeakRunReport> | null
  if (typeof report !== 'object' || report === null || report.tool !== 'leakproof') {
    throw new ReportFileError(path, 'is not a leakproof report (no "tool": "leakproof")')
  }
  return report
}
