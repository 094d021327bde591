import type { LeakResult } from '../result/leak-result.js'
import { formatCount } from '../runtime/format-count.js'
import { formatBytes } from './format-bytes.js'
import { formatLeakSites, formatRetainers } from './format-leak-sites.js'
import { type MessageColors, plainColors } from './message-colors.js'
import { sparkline } from './sparkline.js'

const verdicts = { clean: 'no leak', leaking: 'LEAK', inconclusive: 'inconclusive' } as const

/**
 * The body of a matcher message, and of each entry of the end-of-run report: verdict, growth per
 * call and in total, calls and time, a sparkline of the heap samples and, for a leak, where it
 * comes from (paths relative to `root`).
 */
export function formatLeakMessage(
  result: LeakResult,
  colors: MessageColors = plainColors,
  root: string = process.cwd(),
): string {
  const paint = result.status === 'leaking' ? colors.received : colors.expected
  const first = result.samples[0]
  const last = result.samples.at(-1)
  const total =
    first && last ? last.heapBytes + last.externalBytes - first.heapBytes - first.externalBytes : 0
  const heap = result.samples.map((sample) => sample.heapBytes + sample.externalBytes)
  const lines = [
    `${colors.bold('leakproof:')} ${paint(verdicts[result.status])}: ` +
      `${paint(`${formatBytes(result.bytesPerIteration)}/call`)} retained ` +
      `(${formatBytes(total)} over ${formatCount(result.iterations)} calls)`,
    `  ${result.reason}`,
    colors.dim(
      `  heap ${sparkline(heap)}  ${result.samples.length} samples, ${result.collections} GCs, ` +
        `${Math.round(result.durationMs)} ms${result.async ? ', async' : ''}`,
    ),
  ]
  if (result.status === 'leaking') {
    lines.push(...formatLeakSites(result.sites ?? [], root, colors))
    lines.push(...formatRetainers(result.retainers ?? [], colors))
    for (const note of result.diagnosisNotes ?? []) lines.push('', colors.dim(`  ${note}`))
  }
  return lines.join('\n')
}
