import { readFileSync } from 'node:fs'
import { html, type SafeHtml } from './html-template.js'

const around = 2

/**
 * A few lines of source around `line`, read when the report is written. The file may have moved
 * or the report may be rendered on another machine: then the line the diagnosis saved, if any.
 */
export function sourceExcerpt(file: string, line: number, savedLine?: string): SafeHtml {
  const lines = readLines(file)
  if (!lines || line < 1 || line > lines.length) {
    return savedLine
      ? html`<pre class="source"><span class="here"><span class="ln">${line}</span>${savedLine}</span></pre>`
      : html`<p class="muted">source not readable</p>`
  }
  const from = Math.max(1, line - around)
  const to = Math.min(lines.length, line + around)
  const rows = []
  for (let n = from; n <= to; n++) {
    const text = lines[n - 1] ?? ''
    rows.push(
      n === line
        ? html`<span class="here"><span class="ln">${n}</span>${text}</span>`
        : html`<span><span class="ln">${n}</span>${text}</span>`,
    )
  }
  return html`<pre class="source">${rows}</pre>`
}

// Read afresh each time: in watch mode the file may have changed since the last report.
function readLines(file: string): string[] | undefined {
  try {
    return readFileSync(file, 'utf8').split(/\r?\n/)
  } catch {
    return undefined
  }
}
