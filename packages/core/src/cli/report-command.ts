import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { formatGithubAnnotations } from '../report/format-github-annotations.js'
import { formatRunReport } from '../report/format-run-report.js'
import { writeHtmlReport } from '../report/html/write-html-report.js'
import { CliUsageError } from './cli-errors.js'
import type { CliIo } from './cli-io.js'
import { readReportFile } from './read-report-file.js'
import { reportRoot } from './report-root.js'

export const reportUsage = 'leakproof report <report.json> [--html <out.html>] [--github] [--root <dir>]'

/**
 * `leakproof report`: a saved report as text (every failure in full: nothing printed it before),
 * as HTML, or as GitHub annotations.
 */
export function reportCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      html: { type: 'string' },
      github: { type: 'boolean', default: false },
      root: { type: 'string' },
    },
  })
  if (positionals.length !== 1) throw new CliUsageError(`report takes one report: ${reportUsage}`)
  const report = readReportFile(positionals[0]!, io.cwd)
  // Paths print relative to the project; the records hold absolute ones.
  const root = reportRoot([report], io.cwd, values.root)
  io.stdout(formatRunReport(report, root, io.colors, { failuresShown: false }))
  if (values.html) {
    const path = resolve(io.cwd, values.html)
    const write = writeHtmlReport(path, report, root)
    if (!write.written) {
      io.stderr(`${write.line}\n`)
      return 2
    }
    io.stdout(`HTML report: ${values.html}\n`)
  }
  if (values.github) {
    for (const line of formatGithubAnnotations(report, root)) io.stdout(`${line}\n`)
  }
  return 0
}
