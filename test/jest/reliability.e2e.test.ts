import { existsSync } from 'node:fs'
import { beforeAll, describe, expect, test } from 'vitest'
import { expectReliability, type ReliabilityRun } from '../expect-reliability.js'
import { readLeakReport, readTestResults, recordsByName } from '../read-results.js'
import { type CliRun, explainVerdicts, fixture, runCli, scratchFile } from '../run-cli.js'

const reliability = fixture(import.meta.url, 'reliability')

async function runReliability(files: string[], reportPath: string, args: string[] = []) {
  const json = scratchFile('results.json')
  const run = await runCli(
    'jest',
    reliability,
    ['--json', `--outputFile=${json}`, ...args, ...files],
    { LEAKPROOF_REPORT_FILE: reportPath },
    240_000,
  )
  return { run, json }
}

describe('a check belongs to its test (jest)', () => {
  let result: ReliabilityRun
  let cli: CliRun
  const reportPath = scratchFile('leakproof-report.json')
  beforeAll(async () => {
    // Two workers: the files run in parallel, and a crashing worker cannot take Jest down with it.
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
        'worker-crash',
      ],
      reportPath,
      ['--maxWorkers=2'],
    )
    cli = run
    result = {
      ...readTestResults(json),
      records: recordsByName(readLeakReport(reportPath)),
      output: run.output,
    }
  }, 260_000)

  test('the runner timeout: the test says the check was stopped, and the next check passes', () => {
    expectReliability.timeouts(result)
  })

  test('a forgotten await: the orphan is stopped and filed, and the next check passes', () => {
    expectReliability.forgottenAwait(result)
  })

  test('fake timers around sync and async checks have no effect', () => {
    expectReliability.fakeTimers(result)
  })

  test('a diagnosis whose calls stop settling ends at the check deadline', () => {
    expectReliability.diagnosisStalls(result)
  })

  test('test.concurrent: records reach their own test', () => {
    expectReliability.concurrent(result)
  })

  test('jest.retryTimes: one record per test, from the last attempt', () => {
    expectReliability.retries(result)
    expect(result.statuses['retried: a leak on every attempt']).toBe('failed')
    expect(result.records['retried: a leak on every attempt']?.status).toBe('leaking')
  })

  test('a worker that crashes and is re-run files its record once', () => {
    expect(result.fileMessages.join('\n')).toMatch(/child process exceptions/)
    // recordsByName throws on a duplicate; the record itself is there.
    expect(result.records['a check in a worker that crashes']).toBeDefined()
  })

  test('maxRetainedBytes bounds what a leaking function retains', () => {
    expectReliability.retained(result)
  })

  test("testEnvironment: 'jsdom'", () => {
    expectReliability.jsdom(result)
  })

  test('the run fails (leaks and stopped checks fail their tests) but ends', () => {
    expect(cli.timedOut, explainVerdicts(reportPath)).toBe(false)
    expect(cli.exitCode).toBe(1)
    expect(cli.output).not.toContain('DeprecationWarning')
    // A check stopped by its test stops its profiler too: a later stop must not find it gone.
    expect(cli.output).not.toContain('sampling heap profiler was not started')
  })

  test('a run without checks after a run with a leak leaves no stale report', async () => {
    expect(existsSync(reportPath)).toBe(true)
    const { run } = await runReliability(['no-checks'], reportPath)
    expect(run.exitCode).toBe(0)
    expect(existsSync(reportPath)).toBe(false)
  })
})

describe('an unwritable outputFile on a green run (jest)', () => {
  test.each(['/proc/x.json', '/proc/leakproof/report.json'])(
    '%s: one warning naming the path and the option, exit code 0, summary intact',
    async (path) => {
      const { run } = await runReliability(['green'], path)
      expect(run.timedOut).toBe(false)
      expect(run.exitCode, run.output).toBe(0)
      expect(run.output.match(/leakproof: could not/g)).toHaveLength(1)
      expect(run.output).toContain(`could not write JSON report at ${path}`)
      expect(run.output).toContain('`outputFile`')
      expect(run.output).toMatch(/Tests:\s+1 passed, 1 total/)
    },
  )
})
