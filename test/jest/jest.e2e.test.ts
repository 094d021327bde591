import { existsSync, readdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { basicFixtureStatuses, expectSessionStoreDiagnosis } from '../expect-leak-diagnosis.js'
import { readLeakReport, readTestResults } from '../read-results.js'
import { explainVerdicts, fixture, runCli, scratchFile } from '../run-cli.js'

const basic = fixture(import.meta.url, 'basic')

async function runBasic(args: string[], env: NodeJS.ProcessEnv = {}) {
  const json = scratchFile('results.json')
  const report = scratchFile('leakproof-report.json')
  const run = await runCli('jest', basic, ['--json', `--outputFile=${json}`, ...args], {
    LEAKPROOF_REPORT_FILE: report,
    ...env,
  })
  const { statuses, failures } = readTestResults(json)
  return { run, reportPath: report, statuses, failures }
}

/** Run folders left in `folder`: each run below gets its own TMPDIR, so runs of other e2e files beside it do not count. */
const leakproofFolders = (folder: string) =>
  readdirSync(folder).filter((name) => name.startsWith('leakproof-jest-'))

describe.each([
  ['worker processes', ['--maxWorkers=2']],
  ['worker threads', ['--maxWorkers=2', '--workerThreads']],
  ['--runInBand', ['--runInBand']],
])('jest with %s', (_name, args) => {
  let result: Awaited<ReturnType<typeof runBasic>>
  const privateTmp = dirname(scratchFile('tmp'))
  beforeAll(async () => {
    result = await runBasic(['clean', 'leaking', ...args], { TMPDIR: privateTmp })
  })

  test('clean checks pass and leaking checks fail, sync and async', () => {
    expect(result.statuses, explainVerdicts(result.reportPath)).toEqual(basicFixtureStatuses)
    expect(result.run.exitCode).toBe(1)
  })

  test('the failure message gives the verdict and the growth per call', () => {
    expect(result.failures['sync leak fails']).toContain('expect(fn).not.toLeakMemory()')
    expect(result.failures['sync leak fails']).toMatch(/leakproof: LEAK: [\d.]+ [KM]?B\/call retained/)
  })

  test('the failure names the original TypeScript line that stores the leak, and its traceback', () => {
    expectSessionStoreDiagnosis(result.failures)
  })

  test('the reporter lists leaking tests at their original TypeScript lines', () => {
    expect(result.run.output).toContain('leakproof report')
    expect(result.run.output).toContain('✗ leak sync leak fails (leaking.test.ts:7)')
    expect(result.run.output).toContain('✗ leak async leak fails (leaking.test.ts:11)')
    expect(result.run.output).toContain('Leak checks: 2 leaking, 1 expected leak, 2 clean (5 checked)')
  })

  test('the JSON report has a record per check and the run folder is gone', () => {
    const report = readLeakReport(result.reportPath)!
    expect(report).toMatchObject({ schemaVersion: 1, tool: 'leakproof', runner: 'jest' })
    expect(report.summary).toEqual({ checked: 5, clean: 2, leaking: 2, expectedLeaks: 1, inconclusive: 0 })
    expect(leakproofFolders(privateTmp)).toEqual([])
  })
})

describe('misuse', () => {
  test('each misuse fails its own test with a message that names the fix', async () => {
    const { statuses, failures, run } = await runBasic(['misuse'])
    expect(statuses).toEqual({
      'non-function': 'failed',
      'bad option': 'failed',
      'timeout Infinity': 'failed',
      'function that throws': 'failed',
      'forgotten await': 'failed',
    })
    expect(failures['non-function']).toContain('expected a function to call repeatedly, received 42')
    expect(failures['bad option']).toContain(
      'option `timeout` must be a number of milliseconds from 1 to 2147483647',
    )
    expect(failures['timeout Infinity']).toContain(
      'option `timeout` must be a number of milliseconds from 1 to 2147483647, received Infinity',
    )
    expect(failures['function that throws']).toContain('threw on call 1: TypeError: boom')
    expect(failures['forgotten await']).toContain('was not awaited')
    // The check stopped for want of an await is the only one in the report, as inconclusive.
    expect(run.output).toContain('Leak checks: 1 inconclusive, 0 clean (1 checked)')
  })
})

describe('leakCheck annotation', () => {
  test('with the trigger off, bodies run once and nothing is measured', async () => {
    const { statuses, run, reportPath } = await runBasic(['annotated'], { LEAKPROOF: '' })
    expect(Object.values(statuses)).toEqual(['passed', 'passed', 'passed'])
    expect(run.output).toContain('annotated bodies ran: clean=1 leaky=1')
    expect(existsSync(reportPath)).toBe(false)
  })

  test('with LEAKPROOF=1, bodies run under the detector and the leak fails', async () => {
    const { statuses, failures, run } = await runBasic(['annotated'], { LEAKPROOF: '1' })
    expect(statuses).toEqual({
      'annotated clean': 'passed',
      'annotated leak': 'failed',
      'annotation runs bodies once when the trigger is off, many times when on': 'passed',
    })
    expect(failures['annotated leak']).toMatch(/LeakCheckFailure: leakproof: LEAK/)
    expect(run.output).toContain('annotated bodies ran: clean=many leaky=many')
  })
})

describe('GitHub Actions', () => {
  test('leaking tests become error annotations at the line that stores the leak', async () => {
    const { run } = await runBasic(['leaking', '--runInBand'], { GITHUB_ACTIONS: 'true' })
    expect(run.stdout).toMatch(
      /^::error file=session-store\.ts,line=13,col=12,title=Memory leak%3A sync leak fails::/m,
    )
  })
})

describe('testEnvironment: jsdom', () => {
  test('checks work and give the same verdicts under jsdom', async () => {
    const json = scratchFile('results.json')
    const run = await runCli('jest', fixture(import.meta.url, 'jsdom'), ['--json', `--outputFile=${json}`])
    const { statuses } = readTestResults(json)
    expect(statuses, run.output).toEqual({
      'rendering and removing a node is clean': 'passed',
      'nodes appended and never removed leak': 'passed',
    })
  })
})

describe('jest --shard', () => {
  test('each shard reports only its own checks', async () => {
    const first = await runBasic(['clean', 'leaking', '--shard=1/2', '--runInBand'])
    const second = await runBasic(['clean', 'leaking', '--shard=2/2', '--runInBand'])
    const counts = [first, second].map(({ reportPath }) => readLeakReport(reportPath)?.summary.checked ?? 0)
    expect(counts.sort()).toEqual([2, 3])
  })
})
