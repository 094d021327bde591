import { performance } from 'node:perf_hooks'
import { describe, expect, test } from 'vitest'
import type { CheckProgress } from '../../src/engine/check-progress.js'
import { progressIntervalMs } from '../../src/engine/check-progress.js'
import { runCheck } from '../../src/engine/detect-leak.js'
import { busyFor } from '../busy-for.js'

/**
 * A costly clean function: 50 ms a call, so that the warm-up alone outlasts the first report and no
 * verdict comes before the next (any verdict needs windows of several calls), however fast the engine.
 */
function slowCall(): void {
  busyFor(50)
}

/** Collects reports with the real time each arrived, and whether the check had already returned. */
function recorder() {
  const reports: (CheckProgress & { at: number; afterVerdict: boolean })[] = []
  let settled = false
  return {
    reports,
    settle: () => {
      settled = true
    },
    onProgress: (progress: CheckProgress) => {
      reports.push({ ...progress, at: performance.now(), afterVerdict: settled })
    },
  }
}

function expectSteadyReports(reports: ReturnType<typeof recorder>['reports'], budgetMs: number): void {
  expect(reports.length).toBeGreaterThanOrEqual(2)
  for (const [i, report] of reports.entries()) {
    expect(report.afterVerdict).toBe(false)
    expect(report.budgetMs).toBe(budgetMs)
    expect(report.phase).toBe('measuring')
    if (i === 0) continue
    const previous = reports[i - 1]!
    expect(report.calls).toBeGreaterThan(previous.calls)
    expect(report.elapsedMs).toBeGreaterThan(previous.elapsedMs)
    // Throttled: never two reports within the interval (a little slack for timer resolution).
    expect(report.at - previous.at).toBeGreaterThanOrEqual(progressIntervalMs - 1)
  }
}

// Whatever the verdict (the first check in a worker may see the runner warm up), only the
// measurement is reported here: no diagnosis.
const options = { timeout: 1500, sites: false }

describe('a check reports its progress to its owner', () => {
  test('sync: increasing calls, throttled, and nothing after the verdict', () => {
    const progress = recorder()
    const result = runCheck(slowCall, options, { onProgress: progress.onProgress })
    progress.settle()
    expect(result).toHaveProperty('status')
    expectSteadyReports(progress.reports, 1500)
  })

  test('async: the same, and nothing after the promise settles', async () => {
    const progress = recorder()
    const result = await runCheck(
      async () => {
        slowCall()
        await null
      },
      options,
      { onProgress: progress.onProgress },
    )
    progress.settle()
    // Let any timer the check might have left fire: a late report would show up now.
    await new Promise((resolve) => setTimeout(resolve, 2 * progressIntervalMs))
    expect(result).toHaveProperty('status')
    expectSteadyReports(progress.reports, 1500)
  })

  test('a hook that throws is dropped, and the check still reaches its verdict', () => {
    let calls = 0
    const result = runCheck(
      slowCall,
      { ...options, timeout: 800 },
      {
        onProgress: () => {
          calls++
          throw new Error('the terminal went away')
        },
      },
    )
    expect(calls).toBe(1)
    expect(result).toHaveProperty('status')
  })

  test('a leak found is reported as diagnosing at once, before its diagnosis', () => {
    const kept: object[] = []
    const progress = recorder()
    const result = runCheck(
      () => kept.push({ call: kept.length }),
      { timeout: 4000 },
      {
        onProgress: progress.onProgress,
      },
    )
    progress.settle()
    expect(result).toMatchObject({ status: 'leaking' })
    expect(progress.reports.at(-1)).toMatchObject({ phase: 'diagnosing', afterVerdict: false })
  })
})
