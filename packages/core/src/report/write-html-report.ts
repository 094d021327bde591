import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { describeError } from '../errors/leakproof-error.js'
import type { LeakRunReport } from '../result/leak-run-report.js'
import { renderHtmlReport } from './html/render-html-report.js'

export const defaultHtmlFileName = 'leakproof-report.html'

/**
 * Where the reporters write the HTML report: `htmlFile` when given (relative to `root`), else
 * `leakproof-report.html` next to the JSON report (or in `root` when there is none); `false`: none.
 */
export function htmlReportPath(
  options: { outputFile?: string | false; htmlFile?: string | false },
  root: string,
): string | undefined {
  if (options.htmlFile === false) return undefined
  if (options.htmlFile)
    return isAbsolute(options.htmlFile) ? options.htmlFile : resolve(root, options.htmlFile)
  const json = options.outputFile ?? 'leakproof-report.json'
  return join(json === false ? root : dirname(resolve(root, json)), defaultHtmlFileName)
}

/**
 * Writes the HTML report. A report that cannot be written must not fail the run it describes, so
 * this returns a one-line warning instead of throwing.
 */
export function writeHtmlReport(path: string, report: LeakRunReport, root: string): string | undefined {
  try {
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, renderHtmlReport(report, root))
    return undefined
  } catch (error) {
    return `leakproof: could not write the HTML report ${path}: ${describeError(error)}`
  }
}
