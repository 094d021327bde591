import { existsSync } from 'node:fs'
import { beforeAll, describe, expect, test } from 'vitest'
import { expectReliability, type ReliabilityRun } from '../expect-reliability.js'
import { readLeakReport, readTestResults, recordsByName } from '../read-results.js'
import { type CliRun, explainVerdicts, fixture, runCli, scratchFile } from '../run-cli.js'

const reliability = fixture(import.meta.url, 'reliability')

async function runReliability(files: string[], reportPath: string) {
  const json = scratchFile('results.json')
  const run = await runCli(
    'vitest',
    reliability,
    [
      'run',
      ...files,
      '--reporter=default',
      `--reporter=${reliability}/leak-reporter.ts`,
      '--reporter=json',
      `--outputFile.json=${json}`,
    ],
    { LEAKPROOF_REPORT_FILE: reportPath },
    180_000,
  )
  return { run, json }
}

describe('a check belongs to its test (vitest)', () => {
  let result: ReliabilityRun
  let cli: CliRun
  const reportPath = scratchFile('leakproof-report.json')
  beforeAll(async () => {
    // Every file at once: Vitest runs them in parallel workers.
    const { run, json } = await runReliability(
      [
        'timeout',
        'forgotten-await',
        'fake-timers',
        'diagnosis-stalls',
        'concurrent',
        'retry',
        'retained',
        'jsdom',
      ],
      reportPath,
    )
    cli = run
    result = {
      ...readTestResults(json),
      records: recordsByName(readLeakReport(reportPath)),
      output: run.output,
    }
  }, 200_000)

  test('the runner timeout: the test says the check was stopped, and the next check passes', () => {
    expectReliability.timeouts(result)
  })

  test('a forgotten await: the orphan is stopped and filed, no unhandled rejection', () => {
    expectReliability.forgottenAwait(result)
  })

  test('fake timers around sync and async checks have no effect', () => {
    expectReliability.fakeTimers(result)
  })

  test('a diagnosis whose calls stop settling ends at the check deadline', () => {
    expectReliability.diagnosisStalls(result)
  })

  test('test.concurrent: records reach their own test; the global expect is refused', () => {
    expectReliability.concurrent(result)
    expect(result.statuses['concurrent check with the global expect']).toBe('failed')
    expect(result.failures['concurrent check with the global expect']).toContain(
      "use the test's own expect, from its context",
    )
  })

  test('retry: one record per test, from the last attempt', () => {
    expectReliability.retries(result)
  })

  test('maxRetainedBytes bounds what a leaking function retains', () => {
    expectReliability.retained(result)
  })

  test("environment: 'jsdom'", () => {
    expectReliability.jsdom(result)
  })

  test('the run fails (leaks and stopped checks fail their tests) but ends', () => {
    expect(cli.timedOut, explainVerdicts(reportPath)).toBe(false)
    expect(cli.exitCode).toBe(1)
  })

  test('a run without checks after a run with a leak leaves no stale report', async () => {
    expect(existsSync(reportPath)).toBe(true)
    const { run } = await runReliability(['no-checks'], reportPath)
    expect(run.exitCode).toBe(0)
    expect(existsSync(reportPath)).toBe(false)
  })
})

describe('an unwritable outputFile on a green run (vitest)', () => {
  test.each(['/proc/x.json', '/proc/leakproof/report.json'])(
    '%s: one warning naming the path and the option, exit code 0, summary intact',
    async (path) => {
      const { run } = await runReliability(['green'], path)
      expect(run.timedOut).toBe(false)
      expect(run.exitCode, run.output).toBe(0)
      expect(run.output.match(/leakproof: could not/g)).toHaveLength(1)
      expect(run.output).toContain(`could not write JSON report at ${path}`)
      expect(run.output).toContain('`outputFile`')
      expect(run.output).toMatch(/Tests\s+1 passed/)
    },
  )
})
