import { basename, dirname } from 'node:path'
import type { LeakRecord } from '../result/leak-record.js'
import type { LeakRunReport } from '../result/leak-run-report.js'
import { type CheckOutcome, checkOutcome } from './check-outcome.js'

export interface ComparisonOptions {
  /**
   * How much a leak's bytes per call may grow before it counts as a regression, in percent: the
   * estimate of one leak varies between runs (by ~25% measured), so small changes are noise.
   * @default 50
   */
  growthPercent?: number
}

export interface CheckChange {
  kind: 'new-leak' | 'fixed' | 'grew' | 'newly-inconclusive'
  current?: LeakRecord
  baseline?: LeakRecord
}

export interface Comparison {
  changes: CheckChange[]
  /** New leaks and leaks that grew: what should fail a CI job. */
  regressions: number
}

const leaks: readonly CheckOutcome[] = ['leaking', 'expected-leak']

/**
 * What changed between a baseline report (say, of the main branch) and the current one: leaks that
 * are new, leaks that are gone, leaks whose bytes per call grew. Checks are matched by test name
 * and the test file's last two path segments, so reports from different checkouts compare.
 */
export function compareRunReports(
  baseline: LeakRunReport,
  current: LeakRunReport,
  { growthPercent = 50 }: ComparisonOptions = {},
): Comparison {
  const before = new Map(baseline.records.map((record) => [checkKey(record), record]))
  const changes: CheckChange[] = []
  for (const now of current.records) {
    const then = before.get(checkKey(now))
    const outcome = checkOutcome(now)
    const previous = then ? checkOutcome(then) : undefined
    if (outcome === 'leaking' && previous !== 'leaking') {
      changes.push({ kind: 'new-leak', current: now, baseline: then })
    } else if (then && leaks.includes(outcome) && previous && leaks.includes(previous)) {
      const grown = now.bytesPerIteration > then.bytesPerIteration * (1 + growthPercent / 100)
      if (grown) changes.push({ kind: 'grew', current: now, baseline: then })
    } else if (then && previous === 'leaking' && outcome === 'clean') {
      changes.push({ kind: 'fixed', current: now, baseline: then })
    } else if (outcome === 'inconclusive' && previous !== 'inconclusive') {
      changes.push({ kind: 'newly-inconclusive', current: now, baseline: then })
    }
  }
  const regressions = changes.filter((c) => c.kind === 'new-leak' || c.kind === 'grew').length
  return { changes, regressions }
}

function checkKey(record: LeakRecord): string {
  return `${basename(dirname(record.file))}/${basename(record.file)}\0${record.name}`
}
