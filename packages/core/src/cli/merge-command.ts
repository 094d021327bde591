import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { MergeConflictError, mergeRunReports } from '../report/merge-run-reports.js'
import { writeRunReport } from '../report/write-run-report.js'
import { CliUsageError } from './cli-errors.js'
import type { CliIo } from './cli-io.js'
import { readReportFile, readSchemaVersion } from './read-report-file.js'

export const mergeUsage = 'leakproof merge <report.json>... -o <merged.json>'

/** `leakproof merge`: one report of several shards' or jobs' reports. */
export function mergeCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: 'string', short: 'o' } },
  })
  if (positionals.length === 0) throw new CliUsageError(`merge needs at least one report: ${mergeUsage}`)
  if (!values.output) throw new CliUsageError(`merge needs an output file: ${mergeUsage}`)
  const paths = positionals
  // Versions first, so mixed inputs are named as such rather than as one unreadable file.
  const versions = paths.map((path) => readSchemaVersion(path, io.cwd))
  if (new Set(versions).size > 1) {
    const list = paths.map((path, i) => `${path} (version ${String(versions[i])})`)
    throw new MergeConflictError(`cannot merge reports of different schema versions: ${list.join(', ')}`)
  }
  const merged = mergeRunReports(paths.map((path) => ({ path, report: readReportFile(path, io.cwd) })))
  writeRunReport(resolve(io.cwd, values.output), merged)
  io.stdout(
    `leakproof: merged ${paths.length} reports (${merged.summary.checked} checks) into ${values.output}\n`,
  )
  return 0
}
