import type { CheckProgress } from '../engine/check-progress.js'
import { formatCount } from '../runtime/format-count.js'

/** What the progress line shows of the check that has run longest. */
export interface ProgressLine extends CheckProgress {
  /** The test that made the check. */
  name: string
  /** Other checks running at the same time, in other workers. */
  others: number
}

/**
 * `leakproof ▸ 2.1 s of 4.8 s · 58,000 calls · parseCsv does not leak`, cut to `width` columns.
 * The numbers come first and the test's name last, so that a narrow terminal cuts the name, not
 * the progress.
 */
export function formatProgressLine(line: ProgressLine, width: number): string {
  const time = `${seconds(line.elapsedMs)} of ${seconds(line.budgetMs)}`
  const work = line.phase === 'diagnosing' ? 'diagnosing the leak' : `${formatCount(line.calls)} calls`
  const others = line.others > 0 ? ` (+${line.others} more)` : ''
  return cut(`leakproof ▸ ${time} · ${work} · ${line.name}${others}`, width)
}

function seconds(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(1)} s`
}

/** Cuts `text` to `width` characters (code points: `▸` and `…` take one column each). */
function cut(text: string, width: number): string {
  const characters = [...text]
  if (characters.length <= width) return text
  return `${characters.slice(0, Math.max(0, width - 1)).join('')}…`
}
