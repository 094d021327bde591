import { relative } from 'node:path'
import type { LeakRecord } from '../result/leak-record.js'
import type { LeakRunReport } from '../result/leak-run-report.js'
import { checkFailed, checkOutcome } from './check-outcome.js'
import { formatBytes } from './format-bytes.js'
import { formatLocation } from './format-leak-sites.js'
import { type MessageColors, plainColors } from './message-colors.js'

export interface RunReportFormat {
  /**
   * Whether the runner has already printed each failing check's message (in the test's failure):
   * then a failure gets one line pointing at its test, and only what was not shown is printed in
   * full. `false` (the CLI re-rendering a saved report) prints every failure in full.
   * @default true
   */
  failuresShown?: boolean
}

/**
 * The end-of-run "leak report": one line per failing check (its diagnosis is in the test failure),
 * one per expected leak, inconclusive checks that passed in full (nobody saw them yet), clean ones
 * counted. Empty when no test used leakproof.
 */
export function formatRunReport(
  report: LeakRunReport,
  root: string,
  colors: MessageColors = plainColors,
  { failuresShown = true }: RunReportFormat = {},
): string {
  if (report.records.length === 0) return ''
  const lines = ['', colors.bold(' leakproof report '), '']
  for (const record of report.records) {
    const outcome = checkOutcome(record)
    if (outcome === 'clean' && !checkFailed(record)) continue
    const where = `${relative(root, record.file)}${record.line ? `:${record.line}` : ''}`
    lines.push(
      ` ${mark(record, colors)} ${record.name} ${colors.dim(`(${where})`)}${brief(record, root, colors)}`,
    )
    if (record.heapSnapshot) lines.push(colors.dim(`   heap snapshot ${relative(root, record.heapSnapshot)}`))
    const shown = failuresShown && checkFailed(record)
    if (outcome !== 'expected-leak' && !shown && record.message) {
      lines.push(...record.message.split('\n').map((line) => (line ? `   ${line}` : '')), '')
    }
  }
  if (lines.at(-1) !== '') lines.push('')
  lines.push(` Leak checks: ${formatSummary(report, colors)}`, '')
  return lines.join('\n')
}

/** `2 leaking, 1 expected leak, 3 clean (6 checked)`. */
export function formatSummary(report: LeakRunReport, colors: MessageColors = plainColors): string {
  const { summary } = report
  const expected = summary.expectedLeaks ?? 0
  const parts = [
    summary.leaking ? colors.received(`${summary.leaking} leaking`) : '',
    expected ? `${expected} expected leak${expected > 1 ? 's' : ''}` : '',
    summary.inconclusive ? colors.expected(`${summary.inconclusive} inconclusive`) : '',
    `${summary.clean} clean`,
  ].filter(Boolean)
  return `${parts.join(', ')} (${summary.checked} checked)`
}

function mark(record: LeakRecord, colors: MessageColors): string {
  switch (checkOutcome(record)) {
    case 'leaking':
      return colors.received('✗ leak')
    case 'expected-leak':
      return colors.dim('✓ expected leak')
    case 'inconclusive':
      return checkFailed(record) ? colors.received('✗ inconclusive') : colors.expected('? inconclusive')
    case 'clean':
      return colors.received('✗ no leak found, one was expected')
  }
}

/** After the test's location: the growth per call and the line that stores the leak. */
function brief(record: LeakRecord, root: string, colors: MessageColors): string {
  if (record.status !== 'leaking') return ''
  const site = record.sites?.find((s) => s.kind === 'stored-at') ?? record.sites?.[0]
  const at = site
    ? `, ${site.kind === 'stored-at' ? 'stored at' : 'allocated in'} ${formatLocation(site, root)}`
    : ''
  return colors.dim(`  ${formatBytes(record.bytesPerIteration)}/call${at}`)
}
