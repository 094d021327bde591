import { relative } from 'node:path'
import type { LeakRunReport } from '../result/leak-run-report.js'
import { type MessageColors, plainColors } from './message-colors.js'

/**
 * The end-of-run "leak report": every leaking (and inconclusive) check in full, clean ones counted.
 * Empty when no test used leakproof.
 */
export function formatRunReport(
  report: LeakRunReport,
  root: string,
  colors: MessageColors = plainColors,
): string {
  if (report.records.length === 0) return ''
  const { summary } = report
  const lines = ['', colors.bold(' leakproof report '), '']
  for (const record of report.records.filter((r) => r.status !== 'clean')) {
    const where = `${relative(root, record.file)}${record.line ? `:${record.line}` : ''}`
    const mark = record.status === 'leaking' ? colors.received('✗ leak') : colors.expected('? inconclusive')
    lines.push(` ${mark} ${record.name} ${colors.dim(`(${where})`)}`)
    lines.push(...record.message.split('\n').map((line) => (line ? `   ${line}` : '')), '')
  }
  const parts = [
    summary.leaking ? colors.received(`${summary.leaking} leaking`) : '',
    summary.inconclusive ? colors.expected(`${summary.inconclusive} inconclusive`) : '',
    `${summary.clean} clean`,
  ].filter(Boolean)
  lines.push(` Leak checks: ${parts.join(', ')} (${summary.checked} checked)`, '')
  return lines.join('\n')
}
