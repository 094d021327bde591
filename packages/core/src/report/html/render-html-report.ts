import { relative } from 'node:path'
import type { LeakRecord } from '../../result/leak-record.js'
import type { LeakRunReport } from '../../result/leak-run-report.js'
import { formatCount } from '../../runtime/format-count.js'
import { type CheckOutcome, checkFailed, checkOutcome } from '../check-outcome.js'
import { formatBytes } from '../format-bytes.js'
import { formatSummary } from '../format-run-report.js'
import { checkAnchor, checkDetails, outcomeLabel } from './check-details.js'
import { html, SafeHtml } from './html-template.js'
import { reportScript, reportStyle } from './report-page-assets.js'

const filters: { outcome: CheckOutcome | 'all'; label: string }[] = [
  { outcome: 'all', label: 'all' },
  { outcome: 'leaking', label: 'leaks' },
  { outcome: 'expected-leak', label: 'expected leaks' },
  { outcome: 'inconclusive', label: 'inconclusive' },
  { outcome: 'clean', label: 'clean' },
]

/**
 * The HTML report: one self-contained page (inline CSS, script and SVG; no network) with every
 * check in a table filterable by outcome, and a section per leaking or inconclusive check.
 * Source lines are read now, from `root`'s files; missing files are tolerated.
 */
export function renderHtmlReport(report: LeakRunReport, root: string): string {
  const detailed = report.records
    .map((record, index) => ({ record, index }))
    .filter(({ record }) => record.status !== 'clean')
  const counts = new Map<string, number>()
  for (const record of report.records) {
    const outcome = checkOutcome(record)
    counts.set(outcome, (counts.get(outcome) ?? 0) + 1)
  }
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>leakproof report</title>
<style>${new SafeHtml(reportStyle)}</style>
</head>
<body>
<header>
<h1>leakproof report</h1>
<p class="muted">${report.runner}: ${formatSummary(report)}</p>
</header>
<nav class="filters" aria-label="filter by status">${filters
    .filter(({ outcome }) => outcome === 'all' || counts.has(outcome))
    .map(
      ({ outcome, label }) =>
        html`<button type="button" data-filter="${outcome}" aria-pressed="${outcome === 'all'}">${label} (${outcome === 'all' ? report.records.length : counts.get(outcome)})</button>`,
    )}</nav>
<table>
<thead><tr><th>test</th><th>file</th><th>status</th><th class="num">B/call</th><th class="num">resolution</th><th class="num">calls</th><th class="num">GCs</th><th class="num">time</th></tr></thead>
<tbody>${report.records.map((record, index) => summaryRow(record, index, root))}</tbody>
</table>
${detailed.map(({ record, index }) => checkDetails(record, index, root))}
<script>${new SafeHtml(reportScript)}</script>
</body>
</html>
`
  return page.text
}

function summaryRow(record: LeakRecord, index: number, root: string): SafeHtml {
  const outcome = checkOutcome(record)
  const name =
    record.status === 'clean' ? record.name : html`<a href="#${checkAnchor(index)}">${record.name}</a>`
  const where = `${relative(root, record.file) || record.file}${record.line ? `:${record.line}` : ''}`
  return html`<tr data-outcome="${outcome}">
<td>${name}</td><td><code>${where}</code></td>
<td><span class="badge ${outcome}">${outcomeLabel(record)}</span>${checkFailed(record) ? html` <span class="failed">failed</span>` : ''}</td>
<td class="num">${formatBytes(record.bytesPerIteration)}</td>
<td class="num">${record.resolution === undefined ? '' : `< ${formatBytes(record.resolution)}`}</td>
<td class="num">${formatCount(record.iterations)}</td>
<td class="num">${record.collections}</td>
<td class="num">${formatDuration(record.durationMs)}</td>
</tr>`
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`
}
