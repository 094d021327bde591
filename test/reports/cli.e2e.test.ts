import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { LeakRunReport } from '@leakproof/core'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { beforeAll, describe, expect, test } from 'vitest'
import { explainVerdicts, scratchFile } from '../run-cli.js'
import { example, fixture, type ReportRun, repoRoot, runWithReport } from './report-runs.js'

const bin = join(repoRoot, 'packages', 'core', 'dist', 'cli.js')
const shards = fixture('jest-shards')

/** Runs the built `leakproof` bin as a user would (npx resolves the same file). */
function leakproof(...args: string[]) {
  const run = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    cwd: shards,
  })
  return { exitCode: run.status, stdout: run.stdout, stderr: run.stderr }
}

function read(path: string): LeakRunReport {
  return JSON.parse(readFileSync(path, 'utf8')) as LeakRunReport
}

describe('leakproof CLI on reports of real runs', () => {
  let first: ReportRun
  let second: ReportRun
  let fixedRun: ReportRun
  let merged: string
  beforeAll(async () => {
    first = await runWithReport('jest', shards, ['--shard=1/2', '--runInBand'])
    second = await runWithReport('jest', shards, ['--shard=2/2', '--runInBand'])
    // The baseline: the same suite with the leak fixed.
    fixedRun = await runWithReport('jest', shards, ['--runInBand'], { LEAK_FIXED: '1' })
    merged = scratchFile('merged.json')
  })

  test('bin runs with --help', () => {
    expect(existsSync(bin)).toBe(true)
    const help = leakproof('--help')
    expect(help.exitCode).toBe(0)
    expect(help.stdout).toContain('leakproof merge <report.json>... -o <merged.json>')
  })

  test('merge: Jest --shard=1/2 and 2/2 make one report of the whole suite', () => {
    // Each shard ran part of the suite; together they ran all of it.
    expect(first.report.records.length).toBeGreaterThan(0)
    expect(second.report.records.length).toBeGreaterThan(0)
    const result = leakproof('merge', first.jsonPath, second.jsonPath, '-o', merged)
    expect(result.exitCode, result.stderr).toBe(0)
    const report = read(merged)
    expect(report.summary, explainVerdicts(merged)).toEqual({
      checked: 3,
      clean: 1,
      leaking: 1,
      expectedLeaks: 1,
      inconclusive: 0,
    })
    expect(report.records.map((r) => r.name).sort()).toEqual([
      'parsing does not leak',
      'running a job does not leak',
      'subscribing forever leaks (known leak)',
    ])
  })

  test('the reports of real runs, shards and merged, follow the JSON Schema', () => {
    const schema = JSON.parse(
      readFileSync(join(repoRoot, 'packages/core/schema/leakproof-report.v1.schema.json'), 'utf8'),
    )
    const validate = new Ajv2020({ allErrors: true }).compile(schema)
    for (const report of [first.report, second.report, fixedRun.report, read(merged)]) {
      expect(validate(report), JSON.stringify(validate.errors)).toBe(true)
    }
    const known = read(merged).records.find((r) => r.name === 'subscribing forever leaks (known leak)')
    expect(known).toMatchObject({ status: 'leaking', expected: 'leak', passed: true })
  })

  test('merge refuses a report of another schema version, naming both', () => {
    const future = scratchFile('future.json')
    writeFileSync(future, JSON.stringify({ ...read(first.jsonPath), schemaVersion: 2 }))
    const result = leakproof('merge', first.jsonPath, future, '-o', scratchFile('x.json'))
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toMatch(
      /^leakproof: cannot merge reports of different schema versions: .*\(version 1\), .*\(version 2\)\n$/,
    )
  })

  test('report: the merged report in full, as HTML, and as GitHub annotations for the unexpected leak only', () => {
    const html = scratchFile('merged.html')
    const result = leakproof('report', merged, '--html', html, '--github')
    expect(result.exitCode, result.stderr).toBe(0)
    expect(result.stdout).toContain('✗ leak running a job does not leak (queue.test.ts:5)')
    expect(result.stdout).toContain('stored at job-queue.ts:15:12 in runJob')
    expect(result.stdout).toContain('Leak checks: 1 leaking, 1 expected leak, 1 clean (3 checked)')
    expect(result.stdout.match(/^::error file=job-queue\.ts,line=15,/gm)).toHaveLength(1)
    expect(readFileSync(html, 'utf8')).toContain('finished.push(job)')
  })

  test('compare: the leak is new against the fixed baseline (exit 1), and fixed the other way (exit 0)', () => {
    expect(fixedRun.report.summary).toMatchObject({ leaking: 0, expectedLeaks: 1 })
    const regression = leakproof('compare', fixedRun.jsonPath, merged)
    expect(regression.exitCode, regression.stdout + regression.stderr).toBe(1)
    expect(regression.stdout).toContain('new leak running a job does not leak')
    expect(regression.stdout).toContain('1 new leak, 0 grew, 0 fixed: regression')

    const fixed = leakproof('compare', merged, fixedRun.jsonPath)
    expect(fixed.exitCode).toBe(0)
    expect(fixed.stdout).toContain('fixed running a job does not leak')
  })

  test('compare: a Vitest run against itself has no regression', async () => {
    const run = await runWithReport('vitest', example('vitest-leaky-cache'), [])
    const result = leakproof('compare', run.jsonPath, run.jsonPath)
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('0 new leaks, 0 grew, 0 fixed: no regression')
  })

  test('bad input: one line on stderr, exit code 2', () => {
    for (const args of [
      ['report', 'missing.json'],
      ['report', join(shards, 'package.json')],
      ['compare', merged],
    ]) {
      const result = leakproof(...args)
      expect(result.exitCode).toBe(2)
      expect(result.stderr.trim().split('\n')).toHaveLength(1)
      expect(result.stderr).toMatch(/^leakproof: /)
    }
  })
})
