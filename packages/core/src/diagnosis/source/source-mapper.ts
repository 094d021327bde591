import v8 from 'node:v8'
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping'
import { InspectorSession } from '../../runtime/inspector-session.js'
import { toPath } from './parse-stack.js'

interface ScriptParsed {
  url: string
  sourceMapURL?: string
  /** Where the script starts in its resource: runners wrap modules and shift them back. */
  startLine: number
  startColumn: number
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
  readonly #scripts = new Map<string, ScriptParsed>()
  readonly #urls = new Map<string, string>()
  readonly #maps = new Map<string, TraceMap | undefined>()

  /** Collects the source map URL of every loaded script; `Debugger.enable` is slow, so only on demand. */
  static collect(session: InspectorSession): SourceMapper {
    const mapper = new SourceMapper()
    session.on('Debugger.scriptParsed', ({ params }) => {
      const script = params as ScriptParsed & { scriptId: string }
      mapper.#urls.set(script.scriptId, script.url)
      // The profiler names scripts by path, the debugger by file URL: key both by path.
      if (script.sourceMapURL) mapper.#scripts.set(toPath(script.url), script)
    })
    session.post('Debugger.enable')
    session.post('Debugger.disable')
    return mapper
  }

  urlOf(scriptId: string): string | undefined {
    return this.#urls.get(scriptId)
  }

  /** `line` and `column` are 0-based, as the inspector gives them; the result is 1-based. */
  map(url: string, line: number, column: number): OriginalPosition {
    const file = toPath(url)
    const traceMap = this.#traceMap(file)
    const script = this.#scripts.get(file)
    if (traceMap && script) {
      // Positions count from the resource's start; the source map from the script's own start.
      const scriptLine = line - script.startLine
      const scriptColumn = scriptLine === 0 ? column - script.startColumn : column
      const original = originalPositionFor(traceMap, { line: scriptLine + 1, column: scriptColumn })
      if (original.source && original.line !== null) {
        return { file: toPath(original.source), line: original.line, column: (original.column ?? 0) + 1 }
      }
    }
    return { file, line: line + 1, column: column + 1 }
  }

  #traceMap(file: string): TraceMap | undefined {
    if (!this.#maps.has(file)) this.#maps.set(file, this.#load(file))
    return this.#maps.get(file)
  }

  #load(file: string): TraceMap | undefined {
    const sourceMapUrl = this.#scripts.get(file)?.sourceMapURL
    if (!sourceMapUrl?.startsWith('data:')) return undefined
    try {
      const comma = sourceMapUrl.indexOf(',')
      const base64 = sourceMapUrl.slice(0, comma).endsWith(';base64')
      const data = sourceMapUrl.slice(comma + 1)
      const json = base64 ? Buffer.from(data, 'base64').toString('utf8') : decodeURIComponent(data)
      return new TraceMap(json, file)
    } catch {
      return undefined
    }
  }
}

/**
 * Where a function starts in the user's source, through the inspector's [[FunctionLocation]] (the
 * function is parked on the `node:v8` module, shared by every realm, to name it in an expression).
 */
export function functionLocation(fn: unknown): OriginalPosition | undefined {
  const session = new InspectorSession()
  const key = `__leakproofFunction${process.pid}`
  const parking = v8 as unknown as Record<string, unknown>
  try {
    parking[key] = fn
    const { result } = session.post<{ result: { objectId?: string } }>('Runtime.evaluate', {
      expression: `process.getBuiltinModule('node:v8')[${JSON.stringify(key)}]`,
      objectGroup: 'leakproof',
    })
    if (!result.objectId) return undefined
    const { internalProperties = [] } = session.post<{
      internalProperties?: {
        name: string
        value?: { value?: { scriptId: string; lineNumber: number; columnNumber: number } }
      }[]
    }>('Runtime.getProperties', { objectId: result.objectId, ownProperties: true })
    const location = internalProperties.find((property) => property.name === '[[FunctionLocation]]')?.value
      ?.value
    if (!location) return undefined
    const mapper = SourceMapper.collect(session)
    const url = mapper.urlOf(location.scriptId)
    return url ? mapper.map(url, location.lineNumber, location.columnNumber) : undefined
  } finally {
    delete parking[key]
    session.post('Runtime.releaseObjectGroup', { objectGroup: 'leakproof' })
    session.disconnect()
  }
}
