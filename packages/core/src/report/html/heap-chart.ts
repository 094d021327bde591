import type { LeakSample } from '../../result/leak-result.js'
import { formatCount } from '../../runtime/format-count.js'
import { formatBytes } from '../format-bytes.js'
import { html, type SafeHtml } from './html-template.js'

const width = 560
const height = 180
const pad = { left: 64, right: 12, top: 12, bottom: 28 }

/**
 * Memory after each window's full GC against calls made, as growth since the first sample: heap
 * and external memory share one axis, so a leak in either shows as a line that climbs. A small
 * inline SVG (two polylines, four labels) rather than a chart library: nothing to load or run.
 */
export function heapChart(samples: readonly LeakSample[]): SafeHtml {
  if (samples.length < 2) return html`<p class="muted">Too few samples to draw.</p>`
  const first = samples[0]!
  const series = [
    { name: 'heap', className: 'heap', values: samples.map((s) => s.heapBytes - first.heapBytes) },
    {
      name: 'external',
      className: 'external',
      values: samples.map((s) => s.externalBytes - first.externalBytes),
    },
  ]
  const calls = samples.map((s) => s.iteration)
  const [x0, x1] = [Math.min(...calls), Math.max(...calls)]
  const all = series.flatMap((s) => s.values)
  const [y0, y1] = [Math.min(0, ...all), Math.max(1, ...all)]
  const x = (call: number) => pad.left + ((call - x0) / (x1 - x0 || 1)) * (width - pad.left - pad.right)
  const y = (bytes: number) =>
    height - pad.bottom - ((bytes - y0) / (y1 - y0)) * (height - pad.top - pad.bottom)
  const lines = series.map((s) => {
    const points = s.values.map((v, i) => `${x(calls[i]!).toFixed(1)},${y(v).toFixed(1)}`).join(' ')
    const dots = s.values.map(
      (v, i) =>
        html`<circle class="${s.className}" cx="${x(calls[i]!).toFixed(1)}" cy="${y(v).toFixed(1)}" r="2.5"><title>${s.name} after ${formatCount(calls[i]!)} calls: ${formatBytes(v)} since the first sample</title></circle>`,
    )
    return html`<polyline class="${s.className}" points="${points}" />${dots}`
  })
  return html`<figure class="chart">
<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="memory growth against calls">
<line class="axis" x1="${pad.left}" y1="${y(0)}" x2="${width - pad.right}" y2="${y(0)}" />
<line class="axis" x1="${pad.left}" y1="${pad.top}" x2="${pad.left}" y2="${height - pad.bottom}" />
<text x="${pad.left - 6}" y="${pad.top + 4}" text-anchor="end">${formatBytes(y1)}</text>
<text x="${pad.left - 6}" y="${y(0) + 4}" text-anchor="end">0 B</text>
<text x="${pad.left}" y="${height - 8}">${formatCount(x0)}</text>
<text x="${width - pad.right}" y="${height - 8}" text-anchor="end">${formatCount(x1)} calls</text>
${lines}
</svg>
<figcaption><span class="key heap"></span>heap <span class="key external"></span>external, growth since the first sample after a full GC</figcaption>
</figure>`
}
