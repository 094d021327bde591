import { parseArgs } from 'node:util'
import { compareRunReports } from '../report/compare-run-reports.js'
import { formatComparison } from '../report/format-comparison.js'
import { CliUsageError } from './cli-errors.js'
import type { CliIo } from './cli-io.js'
import { readReportFile } from './read-report-file.js'
import { reportRoot } from './report-root.js'

export const compareUsage =
  'leakproof compare <baseline.json> <current.json> [--growth <percent>] [--root <dir>]'

/** `leakproof compare`: new leaks, fixed leaks, leaks that grew; exit code 1 on a regression. */
export function compareCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { growth: { type: 'string' }, root: { type: 'string' } },
  })
  if (positionals.length !== 2) throw new CliUsageError(`compare takes two reports: ${compareUsage}`)
  const growthPercent = values.growth === undefined ? undefined : Number(values.growth)
  if (growthPercent !== undefined && !(growthPercent >= 0)) {
    throw new CliUsageError(`--growth must be a percentage (0 or more), received ${values.growth}`)
  }
  const [baseline, current] = positionals.map((path) => readReportFile(path, io.cwd))
  const comparison = compareRunReports(baseline!, current!, { growthPercent })
  const root = reportRoot([current!], io.cwd, values.root)
  io.stdout(`${formatComparison(comparison, root, io.colors)}\n`)
  return comparison.regressions > 0 ? 1 : 0
}
