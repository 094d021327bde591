import { relative } from 'node:path'
import type { LeakRunReport } from '../result/leak-run-report.js'
import { checkOutcome } from './check-outcome.js'

/**
 * GitHub Actions workflow commands that annotate each unexpected leak in the pull request's diff.
 * Expected leaks (`toLeakMemory()` passing) are what their tests assert: no annotation.
 */
export function formatGithubAnnotations(report: LeakRunReport, root: string): string[] {
  return report.records
    .filter((record) => checkOutcome(record) === 'leaking')
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
