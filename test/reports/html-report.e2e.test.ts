import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { example, type ReportRun, repoRoot, runWithReport } from './report-runs.js'

// The Debian package; never a browser download. `.ci/run` installs it.
const chromiumPath = '/usr/bin/chromium'
const hasChromium = existsSync(chromiumPath)
// Screenshots for CI's artifacts (gitignored); LEAKPROOF_UPDATE_DOCS=1 also refreshes the README's
// (docs/html-report.png), which is committed, so ordinary runs never touch it.
const outputFolder = process.env.LEAKPROOF_E2E_OUTPUT ?? join(repoRoot, 'test-output')

interface OpenedReport {
  page: Page
  errors: string[]
}

let browser: Browser | undefined

async function openReport(htmlPath: string): Promise<OpenedReport> {
  browser ??= await chromium.launch({ executablePath: chromiumPath })
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  // Any request leaving the file is a bug: the report must be self-contained.
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) errors.push(`network request: ${request.url()}`)
  })
  await page.goto(`file://${htmlPath}`)
  return { page, errors }
}

async function screenshot(page: Page, name: string, { forReadme = false } = {}): Promise<void> {
  mkdirSync(outputFolder, { recursive: true })
  await page.screenshot({ path: join(outputFolder, name), fullPage: true })
  if (forReadme && process.env.LEAKPROOF_UPDATE_DOCS === '1') {
    await page.screenshot({ path: join(repoRoot, 'docs', name), fullPage: true })
  }
}

afterAll(async () => {
  await browser?.close()
})

describe.skipIf(!hasChromium)(
  `HTML report in headless Chromium${hasChromium ? '' : ` (SKIPPED: ${chromiumPath} is missing; apt-get install -y chromium)`}`,
  () => {
    describe('of a real Vitest run of examples/vitest-leaky-cache', () => {
      let result: ReportRun
      let opened: OpenedReport
      beforeAll(async () => {
        result = await runWithReport('vitest', example('vitest-leaky-cache'), [])
        opened = await openReport(result.htmlPath)
      })

      test('is written next to the JSON report and opens without console errors or network', async () => {
        expect(existsSync(result.htmlPath)).toBe(true)
        expect(result.run.output).toContain(`HTML report: ${result.htmlPath}`)
        expect(opened.errors).toEqual([])
        await screenshot(opened.page, 'html-report.png', { forReadme: true })
      })

      test('has a row per check, with its status', async () => {
        const rows = opened.page.locator('tbody tr')
        await expect.poll(() => rows.count()).toBe(result.report.records.length)
        const leakRow = rows.filter({ hasText: 'price() does not leak' })
        expect(await leakRow.locator('.badge').textContent()).toBe('leak')
        const cleanRow = rows.filter({ hasText: 'priceFixed() does not leak' })
        expect(await cleanRow.locator('.badge').textContent()).toBe('clean')
      })

      test('the leaking check has a chart of its samples, and its stored-at line in the source', async () => {
        const section = opened.page.locator('section.check.leaking')
        expect(await section.count()).toBe(1)
        const leak = result.report.records.find((record) => record.status === 'leaking')!
        // One point per sample and series (heap, external).
        expect(await section.locator('svg circle').count()).toBe(leak.samples.length * 2)
        const storedAt = section.locator('.site.stored-at')
        expect(await storedAt.locator('h3').textContent()).toContain('src/price-cache.ts:13:9')
        expect(await storedAt.locator('pre.source .here').textContent()).toContain('cache.set(query, value)')
        expect(await section.locator('.traceback li').count()).toBeGreaterThan(0)
        // The chain ends with a leaked key printed the way the runners print values; the heading counts its kind.
        expect(await section.locator('ol.chain li.step').last().textContent()).toBe(
          '{"sku": "A-1", "currency": "EUR"}',
        )
        expect(await section.locator('.retainers h3').textContent()).toMatch(/~[\d.]+ Object per call/)
      })

      test('filtering by status hides the other rows', async () => {
        await opened.page.locator('.filters button[data-filter="leaking"]').click()
        expect(await opened.page.locator('tbody tr:visible').count()).toBe(1)
        await opened.page.locator('.filters button[data-filter="all"]').click()
        expect(await opened.page.locator('tbody tr:visible').count()).toBe(result.report.records.length)
      })
    })

    describe('of a real Jest run of examples/jest-event-bus', () => {
      let result: ReportRun
      let opened: OpenedReport
      beforeAll(async () => {
        result = await runWithReport('jest', example('jest-event-bus'), [], { LEAKPROOF: '1' })
        opened = await openReport(result.htmlPath)
      })

      test('marks the known leak as expected, with its chart and stored-at line', async () => {
        expect(opened.errors).toEqual([])
        const expected = opened.page.locator('section.check.expected-leak')
        expect(await expected.count()).toBe(1)
        expect(await expected.locator('svg polyline').count()).toBe(2)
        expect(await expected.locator('.site.stored-at pre.source .here').textContent()).toContain(
          'this.#listeners.add(listener)',
        )
        await screenshot(opened.page, 'html-report-jest.png')
      })

      test('filtering by status hides the sections of other checks too', async () => {
        const expected = opened.page.locator('section.check.expected-leak')
        await opened.page.locator('.filters button[data-filter="clean"]').click()
        expect(await expected.isVisible()).toBe(false)
        await opened.page.locator('.filters button[data-filter="expected-leak"]').click()
        expect(await expected.isVisible()).toBe(true)
        expect(await opened.page.locator('tbody tr:visible').count()).toBe(1)
      })

      test('counts it apart in the header and the filters', async () => {
        expect(await opened.page.locator('header').textContent()).toContain('1 expected leak')
        expect(await opened.page.locator('.filters button[data-filter="leaking"]').count()).toBe(0)
        expect(await opened.page.locator('tbody tr').count()).toBe(result.report.records.length)
      })
    })
  },
)
