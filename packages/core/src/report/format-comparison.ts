import { relative } from 'node:path'
import type { LeakRecord } from '../result/leak-record.js'
import type { CheckChange, Comparison } from './compare-run-reports.js'
import { formatBytes } from './format-bytes.js'
import { type MessageColors, plainColors } from './message-colors.js'

const labels: Record<CheckChange['kind'], string> = {
  'new-leak': 'new leak',
  grew: 'grew',
  fixed: 'fixed',
  'newly-inconclusive': 'now inconclusive',
}

/** The text of `leakproof compare`: one line per change, then the verdict for CI. */
export function formatComparison(comparison: Comparison, root: string, colors: MessageColors = plainColors) {
  const lines: string[] = []
  for (const change of comparison.changes) {
    const record = (change.current ?? change.baseline) as LeakRecord
    const paint =
      change.kind === 'fixed'
        ? colors.expected
        : change.kind === 'newly-inconclusive'
          ? colors.dim
          : colors.received
    const where = `${relative(root, record.file)}${record.line ? `:${record.line}` : ''}`
    lines.push(` ${paint(labels[change.kind])} ${record.name} ${colors.dim(`(${where})`)}  ${growth(change)}`)
  }
  const count = (kind: CheckChange['kind']) => comparison.changes.filter((c) => c.kind === kind).length
  if (lines.length) lines.push('')
  lines.push(
    ` ${count('new-leak')} new leak${count('new-leak') === 1 ? '' : 's'}, ${count('grew')} grew, ` +
      `${count('fixed')} fixed: ` +
      (comparison.regressions ? colors.received('regression') : 'no regression'),
  )
  return lines.join('\n')
}

function growth(change: CheckChange): string {
  const then = change.baseline
  const now = change.current
  if (change.kind === 'grew' && then && now) {
    return `${formatBytes(then.bytesPerIteration)}/call → ${formatBytes(now.bytesPerIteration)}/call`
  }
  if (change.kind === 'fixed' && then) return `was ${formatBytes(then.bytesPerIteration)}/call`
  if (now?.status === 'leaking') return `${formatBytes(now.bytesPerIteration)}/call`
  return now?.reason ?? ''
}
