import { readFileSync } from 'node:fs'
import Ajv2020 from 'ajv/dist/2020.js'
import { describe, expect, test } from 'vitest'
import { detectLeak } from '../../src/engine/detect-leak.js'
import { createLeakRecord } from '../../src/matcher/create-leak-record.js'
import { buildRunReport } from '../../src/report/build-run-report.js'
import { formatLeakMessage } from '../../src/report/format-leak-message.js'
import type { LeakResult } from '../../src/result/leak-result.js'

const schema = JSON.parse(
  readFileSync(new URL('../../schema/leakproof-report.v1.schema.json', import.meta.url), 'utf8'),
)
const validate = new Ajv2020({ allErrors: true }).compile(schema)

function record(result: LeakResult, name: string, expected: 'clean' | 'leak' = 'clean') {
  return createLeakRecord(
    result,
    { id: name, file: '/project/a.test.ts', name, line: 3, column: 1 },
    formatLeakMessage(result),
    { expected, passed: result.leaked === (expected === 'leak') },
  )
}

describe('the JSON report schema (version 1)', () => {
  test('describes reports of real verdicts, leak diagnosis included', () => {
    const kept: object[] = []
    const leaking = detectLeak(() => kept.push({ id: kept.length }))
    const clean = detectLeak(() => JSON.stringify({ a: 1 }))
    expect(leaking.status).toBe('leaking')
    const report = buildRunReport('vitest', [record(leaking, 'leaks'), record(clean, 'is clean')])
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true)
  })

  test('describes expected leaks, and clean verdicts with their resolution', () => {
    const kept: object[] = []
    const leaking = detectLeak(() => kept.push({ id: kept.length }))
    const clean = detectLeak(() => JSON.stringify({ a: 1 }))
    const report = buildRunReport('jest', [record(leaking, 'known leak', 'leak'), record(clean, 'clean')])
    expect(report.summary).toMatchObject({ leaking: 0, expectedLeaks: 1 })
    expect(report.records[1]?.resolution).toBeTypeOf('number')
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true)
    expect(validate({ ...report, records: [{ ...report.records[0], expected: 'maybe' }] })).toBe(false)
  })

  test('still accepts reports written before expected leaks were counted apart', () => {
    const clean = detectLeak(() => 1)
    const { expected, passed, resolution, ...older } = record(clean, 'x')
    const { expectedLeaks, ...summary } = buildRunReport('vitest', []).summary
    expect(validate({ ...buildRunReport('vitest', []), summary, records: [older] })).toBe(true)
  })

  test('rejects a report that is not of this version', () => {
    const clean = detectLeak(() => 1)
    const report = { ...buildRunReport('jest', [record(clean, 'x')]), schemaVersion: 2 }
    expect(validate(report)).toBe(false)
  })
})
