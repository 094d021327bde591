import { relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { LeakRecord } from '../../result/leak-record.js'
import type { LeakSite, TraceFrame } from '../../result/leak-site.js'
import type { RetainerPath } from '../../result/retainer-path.js'
import { checkOutcome } from '../check-outcome.js'
import { formatBytes } from '../format-bytes.js'
import { formatLocation } from '../format-leak-sites.js'
import { heapChart } from './heap-chart.js'
import { html, type SafeHtml } from './html-template.js'
import { sourceExcerpt } from './source-excerpt.js'

const outcomeLabels = {
  leaking: 'leak',
  'expected-leak': 'expected leak',
  clean: 'clean',
  inconclusive: 'inconclusive',
} as const

export function outcomeLabel(record: LeakRecord): string {
  return outcomeLabels[checkOutcome(record)]
}

/** The anchor of a check's section, from its position in the report (ids may hold any character). */
export function checkAnchor(index: number): string {
  return `check-${index + 1}`
}

/**
 * The section of one leaking or inconclusive check: verdict and reason, the samples as a chart
 * and, for a leak, where it is stored and allocated and what keeps it alive.
 */
export function checkDetails(record: LeakRecord, index: number, root: string): SafeHtml {
  const outcome = checkOutcome(record)
  return html`<section class="check ${outcome}" id="${checkAnchor(index)}" data-outcome="${outcome}">
<h2><span class="badge ${outcome}">${outcomeLabel(record)}</span> ${record.name}</h2>
<p class="where">${formatLocation({ file: record.file, line: record.line ?? 1, column: record.column ?? 1 }, root)}</p>
<p class="reason">${formatBytes(record.bytesPerIteration)}/call: ${record.reason}</p>
${heapChart(record.samples)}
${record.heapSnapshot ? html`<p class="snapshot">heap snapshot <a href="${pathToFileURL(record.heapSnapshot).href}"><code>${relative(root, record.heapSnapshot)}</code></a> <span class="muted">(Chrome DevTools › Memory › Load)</span></p>` : ''}
${(record.sites ?? []).map((site) => siteDetails(site, root))}
${(record.retainers ?? []).map(retainerChain)}
${record.diagnosisNotes?.length ? html`<ul class="notes">${record.diagnosisNotes.map((note) => html`<li>${note}</li>`)}</ul>` : ''}
</section>`
}

function siteDetails(site: LeakSite, root: string): SafeHtml {
  const label =
    site.kind === 'allocated-in' ? 'allocated in' : site.inferred ? 'probably stored at' : 'stored at'
  const what = [
    site.operation && site.target ? `${site.operation} into ${site.target}` : site.operation,
    `~${formatBytes(site.bytesPerIteration)}/call`,
  ].filter(Boolean)
  return html`<div class="site ${site.kind}">
<h3>${label} <code>${formatLocation(site, root)}</code> in <code>${site.functionName}</code> <span class="muted">(${what.join(', ')})</span></h3>
${sourceExcerpt(site.file, site.line, site.source)}
${site.traceback?.length ? traceback(site.traceback, root) : ''}
</div>`
}

function traceback(frames: readonly TraceFrame[], root: string): SafeHtml {
  return html`<details class="traceback" open><summary>traceback (innermost first)</summary><ol>${frames.map(
    (frame) =>
      html`<li class="${frame.owner}"><code>${frame.functionName}</code> <span class="muted">${formatLocation(frame, root)}</span></li>`,
  )}</ol></details>`
}

/** The retainer path as a chain of boxes from the GC root to the leaked objects. */
function retainerChain(retainer: RetainerPath): SafeHtml {
  return html`<div class="retainers"><h3>kept alive by <span class="muted">(~${retainer.countPerIteration.toFixed(2).replace(/\.?0+$/, '')} ${retainer.object} per call)</span></h3>
<ol class="chain">${retainer.path.map((step, i) => html`${i > 0 ? html`<li class="arrow" aria-hidden="true">→</li>` : ''}<li class="step">${step}</li>`)}</ol></div>`
}
