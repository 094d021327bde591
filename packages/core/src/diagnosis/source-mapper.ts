import { fileURLToPath } from 'node:url'
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping'
import type { InspectorSession } from './inspector-session.js'

interface ScriptParsed {
  url: string
  sourceMapURL?: string
}

/** A position in the user's original source. */
export interface OriginalPosition {
  file: string
  line: number
  column: number
}

/**
 * Maps positions in transformed code (what the heap profiler reports) to the original source,
 * through the source maps the runners inline into each script (`Debugger.scriptParsed`).
 */
export class SourceMapper {
  readonly #sourceMapUrls = new Map<string, string>()
  readonly #maps = new Map<string, TraceMap | undefined>()

  /** Collects the source map URL of every loaded script; `Debugger.enable` is slow, so only on demand. */
  static collect(session: InspectorSession): SourceMapper {
    const mapper = new SourceMapper()
    session.on('Debugger.scriptParsed', ({ params }) => {
      const script = params as ScriptParsed
      if (script.sourceMapURL) mapper.#sourceMapUrls.set(script.url, script.sourceMapURL)
    })
    session.post('Debugger.enable')
    session.post('Debugger.disable')
    return mapper
  }

  /** `line` and `column` are 0-based, as the inspector gives them; the result is 1-based. */
  map(url: string, line: number, column: number): OriginalPosition {
    const file = toPath(url)
    const traceMap = this.#traceMap(url)
    if (traceMap) {
      const original = originalPositionFor(traceMap, { line: line + 1, column })
      if (original.source && original.line !== null) {
        return { file: toPath(original.source), line: original.line, column: (original.column ?? 0) + 1 }
      }
    }
    return { file, line: line + 1, column: column + 1 }
  }

  #traceMap(url: string): TraceMap | undefined {
    if (!this.#maps.has(url)) this.#maps.set(url, this.#load(url))
    return this.#maps.get(url)
  }

  #load(url: string): TraceMap | undefined {
    const sourceMapUrl = this.#sourceMapUrls.get(url)
    if (!sourceMapUrl?.startsWith('data:')) return undefined
    try {
      const comma = sourceMapUrl.indexOf(',')
      const base64 = sourceMapUrl.slice(0, comma).endsWith(';base64')
      const data = sourceMapUrl.slice(comma + 1)
      const json = base64 ? Buffer.from(data, 'base64').toString('utf8') : decodeURIComponent(data)
      return new TraceMap(json, url)
    } catch {
      return undefined
    }
  }
}

function toPath(url: string): string {
  if (!url.startsWith('file://')) return url
  try {
    return fileURLToPath(url)
  } catch {
    return url
  }
}
