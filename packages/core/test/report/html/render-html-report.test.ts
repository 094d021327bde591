import { mkdtempSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { buildRunReport } from '../../../src/report/build-run-report.js'
import { formatRunReport } from '../../../src/report/format-run-report.js'
import { renderHtmlReport } from '../../../src/report/html/render-html-report.js'
import { htmlReportPath, writeHtmlReport } from '../../../src/report/html/write-html-report.js'
import { tempFolder } from '../../temp-folder.js'
import { root, sampleRecords } from '../sample-results.js'

const scratch = tempFolder('leakproof-html')

describe('renderHtmlReport', () => {
  const report = buildRunReport('vitest', sampleRecords())

  test('a row per check and a section per leaking or inconclusive check', () => {
    const page = renderHtmlReport(report, root)
    expect(page.match(/<tr data-outcome=/g)).toHaveLength(5)
    expect(page.match(/<section class="check /g)).toHaveLength(3)
    expect(page).toContain('data-outcome="expected-leak"')
    expect(page).toContain('memory swung by 9 KB')
  })

  test('is self-contained: no external script, style, image or font', () => {
    const page = renderHtmlReport(report, root)
    expect(page).not.toMatch(/<(script|link|img)[^>]+(src|href)=/)
    expect(page).not.toMatch(/https?:\/\//)
  })

  test('escapes test names, paths and source text', () => {
    const [leak] = sampleRecords()
    const page = renderHtmlReport(
      buildRunReport('jest', [{ ...leak!, name: '<img src=x onerror=alert(1)>' }]),
      root,
    )
    expect(page).not.toContain('<img src=x')
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })

  test('reads a few lines around the stored-at line, and falls back to the saved line when the file is gone', () => {
    const folder = mkdtempSync(join(scratch, 'case-'))
    const file = join(folder, 'store.ts')
    writeFileSync(
      file,
      ['const a = 1', 'const b = 2', 'sessions.set(id, s) // here', 'const c = 3'].join('\n'),
    )
    const [leak] = sampleRecords()
    const moved = { ...leak!, sites: leak!.sites!.map((site) => ({ ...site, file, line: 3 })) }
    const page = renderHtmlReport(buildRunReport('vitest', [moved]), folder)
    expect(page).toContain('<span class="here"><span class="ln">3</span>sessions.set(id, s) // here</span>')
    expect(page).toContain('const a = 1')
    // The sample records point at /project, which does not exist: the diagnosis's own copy of the line.
    expect(renderHtmlReport(report, root)).toContain('sessions.set(session.id, session)</span>')
  })
})

test('lists the heap snapshot written on a leak, in the page and the text report', () => {
  const [leak] = sampleRecords()
  const withSnapshot = { ...leak!, heapSnapshot: '/project/.leakproof/heap-snapshots/leaks-1-2.heapsnapshot' }
  const report = buildRunReport('vitest', [withSnapshot])
  expect(renderHtmlReport(report, root)).toContain(
    '<a href="file:///project/.leakproof/heap-snapshots/leaks-1-2.heapsnapshot"><code>.leakproof/heap-snapshots/leaks-1-2.heapsnapshot</code></a>',
  )
  expect(formatRunReport(report, root)).toContain(
    'heap snapshot .leakproof/heap-snapshots/leaks-1-2.heapsnapshot',
  )
})

describe('htmlReportPath', () => {
  test('next to the JSON report by default, anywhere with htmlFile, nowhere with false', () => {
    expect(htmlReportPath({}, '/p')).toBe('/p/leakproof-report.html')
    expect(htmlReportPath({ outputFile: 'out/r.json' }, '/p')).toBe('/p/out/leakproof-report.html')
    expect(htmlReportPath({ outputFile: false }, '/p')).toBe('/p/leakproof-report.html')
    expect(htmlReportPath({ htmlFile: 'ci/leaks.html' }, '/p')).toBe('/p/ci/leaks.html')
    expect(htmlReportPath({ htmlFile: false }, '/p')).toBeUndefined()
  })
})

describe('writeHtmlReport', () => {
  test('says where it wrote, and turns an unwritable path into a warning line, not an exception', () => {
    const folder = mkdtempSync(join(scratch, 'case-'))
    const report = buildRunReport('vitest', sampleRecords())
    expect(writeHtmlReport(join(folder, 'out', 'r.html'), report, folder)).toEqual({
      written: true,
      line: ' HTML report: out/r.html\n',
    })
    writeFileSync(join(folder, 'file'), '')
    const blocked = writeHtmlReport(join(folder, 'file', 'r.html'), report, folder)
    expect(blocked.written).toBe(false)
    expect(blocked.line).toMatch(
      /^leakproof: could not write HTML report at .*file\/r\.html \(ENOTDIR\)\. .*`htmlFile`/,
    )
  })
})
