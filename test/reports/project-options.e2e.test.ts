import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { explainVerdicts } from '../run-cli.js'
import { fixture, runWithReport } from './report-runs.js'

const project = fixture('project-options')

function statuses(report: { records: { name: string; status: string; passed?: boolean }[] }) {
  return Object.fromEntries(report.records.map((r) => [r.name, `${r.status}${r.passed ? '' : ' (failed)'}`]))
}

describe('project-wide options', () => {
  // Every run of the fixture's leak writes a heap snapshot there.
  afterAll(() => rmSync(join(project, '.leakproof'), { recursive: true, force: true }))

  test("configureLeakproof() in a setup file sets every check's defaults; a call's own options win", async () => {
    const { report, jsonPath } = await runWithReport('vitest', project, [])
    expect(statuses(report), explainVerdicts(jsonPath)).toEqual({
      'the project threshold tolerates a small leak': expect.not.stringMatching(/leaking|failed/),
      "the call's own threshold wins over the project's": 'leaking (failed)',
    })
  })

  test("heapSnapshot: 'on-leak' writes a snapshot named after the test and lists it in the report", async () => {
    const { report } = await runWithReport('vitest', project, [])
    const leak = report.records.find((r) => r.status === 'leaking')
    const file = leak?.heapSnapshot ?? ''
    try {
      expect(file).toMatch(
        /\.leakproof\/heap-snapshots\/the-call-s-own-threshold-wins-over-the-project-s-\d+-\d+\.heapsnapshot$/,
      )
      expect(existsSync(file)).toBe(true)
    } finally {
      rmSync(file, { force: true })
    }
  })

  test('an environment variable overrides the project default (LEAKPROOF_THRESHOLD=0)', async () => {
    const { report, jsonPath } = await runWithReport('vitest', project, [], { LEAKPROOF_THRESHOLD: '0' })
    expect(statuses(report), explainVerdicts(jsonPath)).toEqual({
      'the project threshold tolerates a small leak': 'leaking (failed)',
      "the call's own threshold wins over the project's": 'leaking (failed)',
    })
  })

  test('a bad environment variable fails the check with a message naming it', async () => {
    const { run } = await runWithReport('vitest', project, [], { LEAKPROOF_STRICT: 'yes' }).catch(
      (error: Error) => ({ run: { output: error.message } }),
    )
    expect(run.output).toContain('`LEAKPROOF_STRICT` must be 1, true, 0 or false')
  })
})
