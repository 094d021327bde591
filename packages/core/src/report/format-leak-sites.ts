import { relative } from 'node:path'
import type { LeakSite, TraceFrame } from '../result/leak-site.js'
import type { RetainerPath } from '../result/retainer-path.js'
import { formatBytes } from './format-bytes.js'
import type { MessageColors } from './message-colors.js'

const maxTracebackFrames = 8

/** `file:line:column`, relative to `root` when inside it. */
export function formatLocation(
  location: { file: string; line: number; column: number },
  root: string,
): string {
  const path = location.file.startsWith(root) ? relative(root, location.file) : location.file
  return `${path}:${location.line}:${location.column}`
}

/** The "where" part of a leak message: each site, its source line and its traceback. */
export function formatLeakSites(sites: readonly LeakSite[], root: string, colors: MessageColors): string[] {
  const lines: string[] = []
  for (const site of sites) {
    const label =
      site.kind === 'allocated-in' ? 'allocated in' : site.inferred ? 'probably stored at' : 'stored at'
    const what = [
      site.operation && site.target ? `${site.operation} into ${site.target}` : site.operation,
      site.kind === 'stored-at' && !site.inferred ? `~${formatPerCall(site.countPerIteration)} per call` : '',
      `~${formatBytes(site.bytesPerIteration)}/call`,
    ].filter(Boolean)
    lines.push(
      '',
      `  ${colors.bold(label)} ${colors.received(formatLocation(site, root))} in ${site.functionName}  ` +
        colors.dim(`(${what.join(', ')})`),
    )
    if (site.source) lines.push(`    ${colors.dim(`> ${site.line} |`)} ${site.source}`)
    if (site.traceback?.length) lines.push(...formatTraceback(site.traceback, root, colors))
  }
  return lines
}

function formatTraceback(frames: readonly TraceFrame[], root: string, colors: MessageColors): string[] {
  const lines = [`    ${colors.dim('traceback (innermost first):')}`]
  let hidden = 0
  for (const frame of frames.slice(0, maxTracebackFrames)) {
    if (frame.owner !== 'user') {
      hidden++
      continue
    }
    if (hidden)
      lines.push(`      ${colors.dim(`... ${hidden} frame${hidden > 1 ? 's' : ''} in libraries or Node.js`)}`)
    hidden = 0
    // Not "at ...": Jest takes lines starting with "at" for the error's own stack.
    lines.push(`      ${frame.functionName} ${colors.dim(formatLocation(frame, root))}`)
  }
  if (hidden)
    lines.push(`      ${colors.dim(`... ${hidden} frame${hidden > 1 ? 's' : ''} in libraries or Node.js`)}`)
  if (frames.length > maxTracebackFrames)
    lines.push(`      ${colors.dim(`... ${frames.length - maxTracebackFrames} more`)}`)
  return lines
}

function formatPerCall(count: number): string {
  return count >= 10 || Number.isInteger(count)
    ? String(Math.round(count))
    : count.toFixed(2).replace(/0$/, '')
}

/** "kept alive by": for each group of leaked objects, the path from a GC root that holds it. */
export function formatRetainers(retainers: readonly RetainerPath[], colors: MessageColors): string[] {
  const lines: string[] = []
  for (const retainer of retainers) {
    lines.push(
      '',
      `  ${colors.bold('kept alive by')} ${retainer.path.join(' → ')}  ` +
        colors.dim(`(~${formatPerCall(retainer.countPerIteration)} per call)`),
    )
  }
  return lines
}
