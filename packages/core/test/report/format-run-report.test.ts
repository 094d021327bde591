import { describe, expect, test } from 'vitest'
import { buildRunReport } from '../../src/report/build-run-report.js'
import { formatGithubAnnotations } from '../../src/report/format-github-annotations.js'
import { formatRunReport } from '../../src/report/format-run-report.js'
import { root, sampleRecords, visible } from './sample-results.js'

describe('run report', () => {
  const report = buildRunReport('vitest', sampleRecords())

  test('the summary counts expected leaks apart from leaks', () => {
    expect(report.summary).toEqual({ checked: 5, clean: 2, leaking: 1, expectedLeaks: 1, inconclusive: 1 })
  })

  test('each failure gets one line pointing at its test; what no test printed is printed in full', () => {
    const text = formatRunReport(report, root, visible)
    expect(text).toMatchSnapshot()
    // The leak's diagnosis is in its test's failure: not again here.
    expect(text).not.toContain('stored at src/session-store.ts:13:12 in openSession')
    // The inconclusive check passed, so its reason appears nowhere else.
    expect(text).toContain('memory swung by 9 KB')
    expect(text).toContain('1 leaking</red>, 1 expected leak, <yellow>1 inconclusive</yellow>, 2 clean')
  })

  test('a failing inconclusive check (strict) was printed by its test: one line', () => {
    const [, , , swings] = sampleRecords()
    const text = formatRunReport(buildRunReport('jest', [{ ...swings!, passed: false }]), root)
    expect(text).toContain('✗ inconclusive store > swings (src/store.test.ts:20)')
    expect(text).not.toContain('memory swung')
  })

  test('re-rendered from a saved report, every failure is printed in full', () => {
    const text = formatRunReport(report, root, undefined, { failuresShown: false })
    expect(text).toContain('stored at src/session-store.ts:13:12 in openSession')
    expect(text.match(/leakproof: LEAK/g)).toHaveLength(1)
  })

  test('records written before expected leaks existed read as not.toLeakMemory() checks', () => {
    const { expected, passed, ...old } = sampleRecords()[0]!
    const oldReport = buildRunReport('vitest', [old])
    expect(oldReport.summary).toMatchObject({ leaking: 1, expectedLeaks: 0 })
    expect(formatRunReport(oldReport, root)).toContain('✗ leak store > leaks')
  })

  test('nothing is printed when no test used leakproof', () => {
    expect(formatRunReport(buildRunReport('jest', []), root, visible)).toBe('')
  })

  test('GitHub annotations point at the line that stores the leak, and skip expected leaks', () => {
    const annotations = formatGithubAnnotations(report, root)
    expect(annotations).toHaveLength(1)
    expect(annotations).toMatchSnapshot()
  })
})
