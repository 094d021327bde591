import { beforeAll, describe, expect, test } from 'vitest'
import { basicFixtureStatuses, expectSessionStoreDiagnosis } from '../expect-leak-diagnosis.js'
import { readLeakReport, readTestResults } from '../read-results.js'
import { type CliRun, explainVerdicts, fixture, runCli, scratchFile } from '../run-cli.js'

const basic = fixture(import.meta.url, 'basic')

async function runBasic(files: string[], extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const json = scratchFile('results.json')
  const report = scratchFile('leakproof-report.json')
  const run = await runCli(
    'vitest',
    basic,
    [
      'run',
      ...files,
      '--reporter=default',
      `--reporter=${basic}/leak-reporter.ts`,
      '--reporter=json',
      `--outputFile.json=${json}`,
      ...extraArgs,
    ],
    { LEAKPROOF_REPORT_FILE: report, ...env },
  )
  const { statuses, failures } = readTestResults(json)
  return { run, statuses, failures, reportPath: report }
}

describe.each(['forks', 'threads', 'vmThreads'])('vitest --pool=%s', (pool) => {
  let result: Awaited<ReturnType<typeof runBasic>>
  beforeAll(async () => {
    result = await runBasic(['clean.test.ts', 'leaking.test.ts'], [`--pool=${pool}`])
  })

  test('clean checks pass and leaking checks fail, sync and async', () => {
    expect(result.statuses, explainVerdicts(result.reportPath)).toEqual(basicFixtureStatuses)
    expect(result.run.exitCode).toBe(1)
  })

  test('the failure message gives the verdict and the growth per call', () => {
    const message = result.failures['sync leak fails']
    expect(message).toContain('expect(fn).not.toLeakMemory()')
    expect(message).toMatch(/leakproof: LEAK: [\d.]+ [KM]?B\/call retained/)
  })

  test('the failure names the original TypeScript line that stores the leak, and its traceback', () => {
    expectSessionStoreDiagnosis(result.failures)
    expect(result.failures['sync leak fails']).toMatch(/\n\s+<anonymous> leaking\.test\.ts:5:\d+/)
    expect(result.failures['async leak fails']).toMatch(/\n\s+fetchSessionLeaky session-store\.ts:26:10/)
  })

  test('the reporter lists leaking tests and counts clean ones', () => {
    expect(result.run.output).toContain('leakproof report')
    expect(result.run.output).toMatch(/✗ leak sync leak fails \(leaking\.test\.ts:4\)/)
    expect(result.run.output).toContain('Leak checks: 2 leaking, 1 expected leak, 2 clean (5 checked)')
  })

  test('the JSON report has a record per check', () => {
    const report = readLeakReport(result.reportPath)!
    const leak = report.records.find((record) => record.name === 'sync leak fails')
    expect(leak?.sites?.[0]).toMatchObject({
      kind: 'stored-at',
      line: 13,
      column: 12,
      functionName: 'openSessionLeaky',
      source: 'sessions.set(session.id, session)',
      operation: 'Map.prototype.set',
    })
    expect(leak?.sites?.[0]?.file).toMatch(/session-store\.ts$/)
    expect(report).toMatchObject({ schemaVersion: 1, tool: 'leakproof', runner: 'vitest' })
    expect(report.summary).toEqual({ checked: 5, clean: 2, leaking: 2, expectedLeaks: 1, inconclusive: 0 })
    expect(report.records.map((r) => [r.name, r.status]).sort()).toEqual(
      [
        ['async clean check passes', 'clean'],
        ['async leak fails', 'leaking'],
        ['positive form passes on a known leak', 'leaking'],
        ['sync clean check passes', 'clean'],
        ['sync leak fails', 'leaking'],
      ].sort(),
    )
  })
})

describe('misuse', () => {
  let result: Awaited<ReturnType<typeof runBasic>>
  beforeAll(async () => {
    result = await runBasic(['misuse.test.ts'])
  })

  test('each misuse fails its own test with a message that names the fix', () => {
    expect(result.statuses).toEqual({
      'non-function': 'failed',
      'bad option': 'failed',
      'timeout Infinity': 'failed',
      'function that throws': 'failed',
      'forgotten await': 'failed',
    })
    expect(result.failures['non-function']).toContain('expected a function to call repeatedly, received 42')
    expect(result.failures['bad option']).toContain(
      'option `timeout` must be a number of milliseconds from 1 to 2147483647',
    )
    expect(result.failures['timeout Infinity']).toContain(
      'option `timeout` must be a number of milliseconds from 1 to 2147483647, received Infinity',
    )
    expect(result.failures['function that throws']).toContain('threw on call 1: TypeError: boom')
    expect(result.failures['forgotten await']).toContain('was not awaited')
  })

  test('the check stopped for want of an await is the only one in the report, as inconclusive', () => {
    expect(result.run.output).toContain('Leak checks: 1 inconclusive, 0 clean (1 checked)')
  })
})

describe('leakCheck annotation', () => {
  test('with the trigger off, bodies run once and nothing is measured', async () => {
    const { statuses, run } = await runBasic(['annotated.test.ts'], [], { LEAKPROOF: '' })
    expect(statuses).toEqual({
      'annotated clean': 'passed',
      'annotated leak': 'passed',
      'annotation runs bodies once when the trigger is off, many times when on': 'passed',
    })
    expect(run.output).toContain('annotated bodies ran: clean=1 leaky=1')
    expect(run.output).not.toContain('leakproof report')
  })

  test('with LEAKPROOF=1, bodies run under the detector and the leak fails', async () => {
    const { statuses, failures, run } = await runBasic(['annotated.test.ts'], [], { LEAKPROOF: '1' })
    expect(statuses, failures['annotated clean']).toEqual({
      'annotated clean': 'passed',
      'annotated leak': 'failed',
      'annotation runs bodies once when the trigger is off, many times when on': 'passed',
    })
    expect(failures['annotated leak']).toMatch(/LeakCheckFailure: leakproof: LEAK/)
    expect(run.output).toContain('annotated bodies ran: clean=many leaky=many')
  })
})

describe('GitHub Actions', () => {
  let run: CliRun
  beforeAll(async () => {
    ;({ run } = await runBasic(['leaking.test.ts'], [], { GITHUB_ACTIONS: 'true' }))
  })

  test('leaking tests become error annotations at the line that stores the leak', () => {
    expect(run.stdout).toMatch(
      /^::error file=session-store\.ts,line=13,col=12,title=Memory leak%3A sync leak fails::/m,
    )
  })
})

describe('vitest --shard with --merge-reports', () => {
  test('records travel through blob reports and the merged run prints the leak report', async () => {
    const blobs = scratchFile('blobs')
    for (const shard of ['1/2', '2/2']) {
      await runCli('vitest', basic, [
        'run',
        'clean.test.ts',
        'leaking.test.ts',
        `--shard=${shard}`,
        '--reporter=blob',
        `--outputFile=${blobs}/blob-${shard.replace('/', '-')}.json`,
      ])
    }
    const report = scratchFile('leakproof-report.json')
    const merged = await runCli(
      'vitest',
      basic,
      ['--merge-reports', blobs, '--reporter=default', `--reporter=${basic}/leak-reporter.ts`],
      { LEAKPROOF_REPORT_FILE: report },
    )
    expect(merged.output).toContain('Leak checks: 2 leaking, 1 expected leak, 2 clean (5 checked)')
    expect(merged.output).toContain('stored at session-store.ts:13:12 in openSessionLeaky')
    const written = readLeakReport(report)!
    expect(written.summary).toEqual({ checked: 5, clean: 2, leaking: 2, expectedLeaks: 1, inconclusive: 0 })
  })
})
