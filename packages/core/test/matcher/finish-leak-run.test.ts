import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { finishLeakRun, type RunOutput } from '../../src/matcher/finish-leak-run.js'
import { sampleRecords } from '../report/sample-results.js'

function capture(): RunOutput & { reports: string[]; warnings: string[] } {
  const reports: string[] = []
  const warnings: string[] = []
  return {
    reports,
    warnings,
    report: (text) => reports.push(text),
    annotate: () => {},
    warn: (text) => warnings.push(text),
  }
}

describe('finishLeakRun: report files that cannot be written', () => {
  // The HTML report goes next to the JSON one, so both fail there: one warning, about the option
  // that moves both.
  test.each(['/proc/x.json', '/proc/x/report.json', '/proc/leakproof/report.json'])(
    'outputFile %s: one warning, naming the path and `outputFile`; the report is still printed',
    (outputFile) => {
      const output = capture()
      const report = finishLeakRun('vitest', sampleRecords(), '/project', { outputFile }, output)
      expect(report?.records).toHaveLength(sampleRecords().length)
      expect(output.warnings).toHaveLength(1)
      expect(output.warnings[0]).toContain(`could not write JSON report at ${outputFile}`)
      expect(output.warnings[0]).toContain('`outputFile`')
      expect(output.warnings[0]).toContain('HTML report')
      expect(output.reports.join('\n')).toContain('Leak checks:')
    },
  )

  test('an unwritable htmlFile on its own: one warning naming the path and `htmlFile`', () => {
    const folder = mkdtempSync(join(tmpdir(), 'leakproof-finish-'))
    const output = capture()
    finishLeakRun(
      'jest',
      sampleRecords(),
      folder,
      { outputFile: 'report.json', htmlFile: '/proc/x/leaks.html' },
      output,
    )
    expect(existsSync(join(folder, 'report.json'))).toBe(true)
    expect(output.warnings).toHaveLength(1)
    expect(output.warnings[0]).toContain('could not write HTML report at /proc/x/leaks.html')
    expect(output.warnings[0]).toContain('`htmlFile`')
  })
})
