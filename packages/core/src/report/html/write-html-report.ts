import { writeFileSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import type { LeakRunReport } from '../../result/leak-run-report.js'
import { makeFolders } from '../make-folders.js'
import { unwritableReport } from '../unwritable-report.js'
import { renderHtmlReport } from './render-html-report.js'

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

/** What writing the HTML report came to: a line for the run's log either way. */
export interface HtmlReportWrite {
  written: boolean
  line: string
}

/**
 * Writes the HTML report and says where. A report that cannot be written must not fail the run it
 * describes, so a failure is a one-line warning, not an exception.
 */
export function writeHtmlReport(path: string, report: LeakRunReport, root: string): HtmlReportWrite {
  try {
    makeFolders(dirname(path))
    writeFileSync(path, renderHtmlReport(report, root))
    const shown = path.startsWith(root + sep) ? relative(root, path) : path
    return { written: true, line: ` HTML report: ${shown}\n` }
  } catch (error) {
    return { written: false, line: unwritableReport('write HTML report', path, error, 'htmlFile') }
  }
}
