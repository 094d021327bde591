import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, test } from 'vitest'
import { runCli } from '../../src/cli/run-cli.js'
import { buildRunReport } from '../../src/report/build-run-report.js'
import { plainColors } from '../../src/report/message-colors.js'
import type { LeakRunReport } from '../../src/result/leak-run-report.js'
import { sampleRecords } from '../report/sample-results.js'
import { tempFolder } from '../temp-folder.js'

const scratch = tempFolder('leakproof-cli')

let folder: string
let out: string
let err: string

function cli(...argv: string[]): number {
  out = ''
  err = ''
  return runCli(argv, {
    stdout: (text) => {
      out += text
    },
    stderr: (text) => {
      err += text
    },
    cwd: folder,
    colors: plainColors,
  })
}

function save(name: string, report: unknown): string {
  writeFileSync(join(folder, name), JSON.stringify(report))
  return name
}

beforeEach(() => {
  folder = mkdtempSync(join(scratch, 'case-'))
})

describe('leakproof', () => {
  const [leak, clean, known, swings, stale] = sampleRecords()

  test('--help prints every command', () => {
    expect(cli('--help')).toBe(0)
    expect(out).toContain('leakproof merge')
    expect(out).toContain('leakproof report')
    expect(out).toContain('leakproof compare')
  })

  test.each([
    [[], 'no command'],
    [['frob'], 'unknown command "frob"'],
    [['report'], 'report takes one report'],
    [['report', 'a.json', '--bogus'], "Unknown option '--bogus'"],
    [['merge', 'a.json'], 'merge needs an output file'],
    [['report', 'missing.json'], 'missing.json: no such file'],
    [['compare', 'a.json', '--growth', 'lots'], 'compare takes two reports'],
  ])('bad input %j gets one line and exit code 2', (argv, message) => {
    expect(cli(...argv)).toBe(2)
    expect(err).toContain(message)
    expect(err.trim().split('\n')).toHaveLength(1)
  })

  test('files that are not reports of this version are refused by name', () => {
    writeFileSync(join(folder, 'text.json'), 'not json')
    expect(cli('report', 'text.json')).toBe(2)
    expect(err).toBe('leakproof: text.json: is not JSON, so not a leakproof report\n')
    expect(cli('report', save('other.json', { name: 'x' }))).toBe(2)
    expect(err).toContain('is not a leakproof report')
    expect(cli('report', save('future.json', { tool: 'leakproof', schemaVersion: 2, records: [] }))).toBe(2)
    expect(err).toContain('has schema version 2; this leakproof reads version 1 (upgrade leakproof')
  })

  test('merge sums shards, counts a re-run test once, and rejects mixed schema versions', () => {
    const a = save('a.json', buildRunReport('jest', [leak!, clean!]))
    const b = save('b.json', buildRunReport('jest', [known!, swings!, { ...clean!, bytesPerIteration: 1 }]))
    expect(cli('merge', a, b, '-o', 'merged.json')).toBe(0)
    const merged = JSON.parse(readFileSync(join(folder, 'merged.json'), 'utf8')) as LeakRunReport
    expect(merged.summary).toEqual({ checked: 4, clean: 1, leaking: 1, expectedLeaks: 1, inconclusive: 1 })
    expect(merged.records.find((r) => r.id === clean!.id)?.bytesPerIteration).toBe(1)

    const future = save('future.json', { tool: 'leakproof', schemaVersion: 2, runner: 'jest', records: [] })
    expect(cli('merge', a, future, '-o', 'x.json')).toBe(2)
    expect(err).toBe(
      'leakproof: cannot merge reports of different schema versions: a.json (version 1), future.json (version 2)\n',
    )
    expect(cli('merge', a, save('v.json', buildRunReport('vitest', [])), '-o', 'x.json')).toBe(2)
    expect(err).toContain('cannot merge a jest report (a.json) with a vitest report (v.json)')
  })

  test('report prints every failure in full, writes HTML and GitHub annotations', () => {
    const path = save('r.json', buildRunReport('vitest', [leak!, known!, clean!]))
    expect(cli('report', path, '--html', 'out/r.html', '--github', '--root', '/project')).toBe(0)
    expect(out).toContain('stored at src/session-store.ts:13:12 in openSession')
    expect(out).toContain('Leak checks: 1 leaking, 1 expected leak, 1 clean (3 checked)')
    expect(out.match(/^::error /gm)).toHaveLength(1)
    expect(readFileSync(join(folder, 'out/r.html'), 'utf8')).toContain('<tr data-outcome="expected-leak">')
  })

  test('report counts from the records, so an older report reads like a new one', () => {
    const older = {
      ...buildRunReport('vitest', [leak!, known!]),
      summary: { checked: 2, clean: 0, leaking: 2, inconclusive: 0 },
    }
    expect(cli('report', save('older.json', older))).toBe(0)
    expect(out).toContain('Leak checks: 1 leaking, 1 expected leak, 0 clean (2 checked)')
  })

  test('compare exits 1 on a new leak or a leak that grew, 0 when leaks were only fixed', () => {
    const before = save(
      'before.json',
      buildRunReport('vitest', [{ ...leak!, bytesPerIteration: 10 }, stale!]),
    )
    const grown = save('grown.json', buildRunReport('vitest', [{ ...leak!, bytesPerIteration: 32 }, stale!]))
    expect(cli('compare', before, grown)).toBe(1)
    expect(out).toContain('grew store > leaks (store.test.ts:4)  10 B/call → 32 B/call')
    expect(cli('compare', before, grown, '--growth', '300')).toBe(0)

    const fixed = save(
      'fixed.json',
      buildRunReport('vitest', [{ ...leak!, ...clean!, id: leak!.id, name: leak!.name }]),
    )
    expect(cli('compare', before, fixed)).toBe(0)
    expect(out).toContain('fixed store > leaks')
    expect(cli('compare', fixed, before)).toBe(1)
    expect(out).toContain('new leak store > leaks')
    expect(out).toContain('1 new leak, 0 grew, 0 fixed: regression')
  })

  test('an expected leak is not a new leak', () => {
    const none = save('none.json', buildRunReport('vitest', []))
    expect(cli('compare', none, save('known.json', buildRunReport('vitest', [known!])))).toBe(0)
  })
})
