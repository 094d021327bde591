import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, relative } from 'node:path'
import type { MessageColors } from './format-leak-message.js'
import { plainColors } from './format-leak-message.js'
import { type LeakRecord, leakSchemaVersion } from './leak-record.js'

/** The machine-readable report of a run, written by both reporters. */
export interface LeakRunReport {
  schemaVersion: typeof leakSchemaVersion
  tool: 'leakproof'
  runner: 'vitest' | 'jest'
  summary: { checked: number; clean: number; leaking: number; inconclusive: number }
  records: LeakRecord[]
}

export function buildRunReport(
  runner: LeakRunReport['runner'],
  records: readonly LeakRecord[],
): LeakRunReport {
  const count = (status: LeakRecord['status']) => records.filter((r) => r.status === status).length
  return {
    schemaVersion: leakSchemaVersion,
    tool: 'leakproof',
    runner,
    summary: {
      checked: records.length,
      clean: count('clean'),
      leaking: count('leaking'),
      inconclusive: count('inconclusive'),
    },
    records: [...records],
  }
}

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

export function writeRunReport(path: string, report: LeakRunReport): void {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`)
}

/** GitHub Actions workflow commands that annotate each leaking test in the pull request's diff. */
export function formatGithubAnnotations(report: LeakRunReport, root: string): string[] {
  return report.records
    .filter((record) => record.status === 'leaking')
    .map((record) => {
      // Point at the line that stores the leak when it is known, else at the check.
      const at = record.sites?.[0] ?? record
      const properties = [`file=${escapeProperty(relative(root, at.file))}`]
      if (at.line) properties.push(`line=${at.line}`)
      if (at.column) properties.push(`col=${at.column}`)
      properties.push(`title=${escapeProperty(`Memory leak: ${record.name}`)}`)
      return `::error ${properties.join(',')}::${escapeData(record.message)}`
    })
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
