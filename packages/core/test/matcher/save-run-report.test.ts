import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { saveRunReport } from '../../src/matcher/save-run-report.js'
import { buildRunReport } from '../../src/report/build-run-report.js'

const report = buildRunReport('vitest', [])

describe('saveRunReport', () => {
  test('writes into folders it creates', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'leakproof-')), 'a', 'b', 'report.json')
    expect(saveRunReport(path, report)).toBeUndefined()
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ tool: 'leakproof' })
  })

  test('a run without records removes the report of an earlier run', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'leakproof-')), 'report.json')
    writeFileSync(path, '{}')
    expect(saveRunReport(path, undefined)).toBeUndefined()
    expect(existsSync(path)).toBe(false)
  })

  test.each(['/proc/x.json', '/proc/leakproof/report.json'])(
    'an unwritable %s is a warning naming the path and the option, at once',
    (path) => {
      const warning = saveRunReport(path, report)
      expect(warning).toContain(`could not write JSON report at ${path}`)
      expect(warning).toContain('`outputFile`')
    },
  )
})
