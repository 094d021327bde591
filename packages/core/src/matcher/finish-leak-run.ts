import { rmSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import { buildRunReport } from '../report/build-run-report.js'
import { formatGithubAnnotations } from '../report/format-github-annotations.js'
import { formatRunReport } from '../report/format-run-report.js'
import { htmlReportPath, writeHtmlReport } from '../report/html/write-html-report.js'
import { terminalColors } from '../report/message-colors.js'
import type { LeakRecord } from '../result/leak-record.js'
import type { LeakRunReport } from '../result/leak-run-report.js'
import { saveRunReport } from './save-run-report.js'

/** Options of both runners' `LeakReporter`. */
export interface LeakReporterOptions {
  /**
   * Where to write the JSON report, relative to the project root; `false` writes none.
   * @default 'leakproof-report.json'
   */
  outputFile?: string | false
  /**
   * Print GitHub Actions error annotations for leaking tests.
   * @default process.env.GITHUB_ACTIONS === 'true'
   */
  githubActions?: boolean
  /**
   * Where to write the HTML report, relative to the project root; `false` writes none.
   * @default 'leakproof-report.html' next to the JSON report
   */
  htmlFile?: string | false
}

/** Where the end of a run writes to: the runner's own log, and the stream annotations go to. */
export interface RunOutput {
  report(text: string): void
  annotate(line: string): void
  /** A problem that must not fail the run (a report that cannot be written); `report` when absent. */
  warn?(text: string): void
}

/**
 * The reporters' end of a run, written once: prints the leak report, writes the JSON report and,
 * on GitHub Actions, the annotations. When no test used leakproof it prints nothing and removes the
 * JSON report of an earlier run, which would otherwise pass for this one's.
 */
export function finishLeakRun(
  runner: LeakRunReport['runner'],
  records: readonly LeakRecord[],
  root: string,
  options: LeakReporterOptions,
  output: RunOutput,
): LeakRunReport | undefined {
  const outputFile = options.outputFile ?? 'leakproof-report.json'
  const path =
    outputFile === false ? undefined : isAbsolute(outputFile) ? outputFile : resolve(root, outputFile)
  if (records.length === 0) {
    if (path) warnIf(output, saveRunReport(path, undefined))
    const htmlFile = htmlReportPath(options, root)
    if (htmlFile) rmSync(htmlFile, { force: true })
    return undefined
  }
  const githubActions = options.githubActions ?? process.env.GITHUB_ACTIONS === 'true'
  const report = buildRunReport(runner, records)
  output.report(formatRunReport(report, root, terminalColors))
  const jsonWarning = path ? saveRunReport(path, report) : undefined
  const htmlFile = htmlReportPath(options, root)
  const html = htmlFile ? writeHtmlReport(htmlFile, report, root) : undefined
  if (jsonWarning && html?.written === false && options.htmlFile === undefined) {
    // The HTML report went next to the JSON one and failed there too: one warning, about the option
    // that moves both.
    warnIf(output, `${jsonWarning} The HTML report, next to it, was not written either.`)
  } else {
    warnIf(output, jsonWarning)
    if (html?.written) output.report(html.line)
    else if (html) warnIf(output, html.line)
  }
  if (githubActions) {
    for (const line of formatGithubAnnotations(report, root)) output.annotate(line)
  }
  return report
}

function warnIf(output: RunOutput, warning: string | undefined): void {
  if (warning) (output.warn ?? output.report)(warning)
}
