import { type BodyLine, functionBody, readLines } from '../source/function-body.js'

/** A line inside a function that allocates what leaks. */
export interface AllocatingLine {
  line: number
  column: number
  source: string
}

/** Where the leaking line stores, when the tracker saw it: its line and source text. */
export interface StoreLine {
  file: string
  line: number
  source?: string
  /** Its call chain: a frame inside the allocating function names the call that leads to the store. */
  traceback?: readonly { file: string; line: number }[]
}

/** Syntax that makes a new object, array, closure or string each time it runs. */
const allocation =
  /\bnew\s+[A-Z$_]|[=(,:?]\s*[{[]|=>|\bfunction\b|`|\.(?:concat|slice|map|filter|split|from|alloc\w*|repeat|padStart|padEnd)\(|\+=|\b(?:Buffer|Array|Object)\.\w+\(/
/** Lines that allocate nothing per call: module imports, test declarations. */
const notPerCall = /^\s*(?:import\b|export\s+\*|(?:test|it|describe|bench|suite)(?:\.\w+)*\s*\()/

/**
 * The sampling profiler names the function whose allocations stay, at the position where the
 * function starts: its header, which allocates nothing. This picks the line in that function's body
 * that makes what leaks: the declaration of the value the leaking line stores (`const session =
 * {...}` for `sessions.set(id, session)`), else the leaking line itself when it is in the body (the
 * insertion grows the structure's backing store); in a function off the leaking line's call chain (a
 * helper that returned what its caller stored), the value it returns; else the first line with
 * allocating syntax, else the line of the leaking line's call chain that runs through the function.
 * Undefined when the header is the best there is.
 */
export function allocatingLine(
  file: string,
  line: number,
  column: number,
  stored?: StoreLine,
): AllocatingLine | undefined {
  const lines = readLines(file)
  if (!lines) return undefined
  const body = functionBody(lines, line - 1, column - 1)
  if (!body) return undefined
  // The header's own text (`function f(a) {`) allocates nothing; a one-line function is its body.
  const inner = body.length > 1 ? body.slice(1) : body
  const storedHere = stored?.file === file ? inner.find((entry) => entry.line === stored.line) : undefined
  if (storedHere && stored?.source) {
    const value = storedValue(stored.source)
    const declared = value && declaration(inner, value, stored.line)
    // `const value = query.sku.length * 100` makes no object: the insertion itself grows the store.
    if (declared && allocation.test(declared.text)) return at(lines, declared)
    return at(lines, storedHere)
  }
  const caller = stored?.traceback?.find(
    (frame) => frame.file === file && inner.some((entry) => entry.line === frame.line),
  )
  // Its scratch allocations (`const byPath = new Map()`) die with the call; what it returns may not.
  const returned = stored && !caller ? returnedValue(inner) : undefined
  if (returned) return at(lines, returned)
  const first = inner.find((entry) => allocation.test(entry.text) && !notPerCall.test(entry.text))
  if (first) return at(lines, first)
  // `return openSession(user)` in an async wrapper: the call on the way to the store.
  return caller ? at(lines, inner.find((entry) => entry.line === caller.line)!) : undefined
}

/** The last `return` that makes a value (`return { ... }`), or the allocating declaration of the one it returns. */
function returnedValue(body: BodyLine[]): BodyLine | undefined {
  for (let i = body.length - 1; i >= 0; i--) {
    const entry = body[i]!
    const returned = /^\s*return\b\s*(.*)$/.exec(entry.text)?.[1]
    if (returned === undefined) continue
    if (/^[{[`]|^new\s/.test(returned) || allocation.test(entry.text)) return entry
    const name = /^([A-Za-z_$][\w$]*)\s*;?\s*$/.exec(returned)?.[1]
    const declared = name && declaration(body, name, entry.line)
    if (declared && allocation.test(declared.text)) return declared
  }
  return undefined
}

/** The line that makes the value a leaking line stores, read from the source around it. */
export interface NearLine extends AllocatingLine {
  /** Whether that line's syntax makes a value (`{ ... }`, `new X`, a closure), not only stores one. */
  makesValue: boolean
}

/**
 * For leaks the sampling profiler did not see (external memory: a Buffer's bytes live outside the
 * heap it samples; a backing store grown by index writes; a small or rare leak it sampled nothing
 * of): the declaration of the stored value just above the leaking line, when it allocates, else the
 * leaking line itself.
 */
export function allocatingNear(stored: StoreLine): NearLine | undefined {
  const lines = readLines(stored.file)
  if (!lines || !stored.source) return undefined
  const window: BodyLine[] = []
  for (let line = Math.max(1, stored.line - 20); line <= stored.line; line++) {
    window.push({ line, offset: 0, text: lines[line - 1] ?? '' })
  }
  const value = storedValue(stored.source)
  const declared = value && declaration(window, value, stored.line)
  if (declared && allocation.test(declared.text)) return { ...at(lines, declared), makesValue: true }
  const line = at(lines, window[window.length - 1]!)
  return { ...line, makesValue: allocation.test(line.source) }
}

/** Whether the line at a position allocates nothing per call (an `import`, a `test(` line). */
export function isNotPerCall(source: string | undefined): boolean {
  return source !== undefined && notPerCall.test(source)
}

/** The identifier a storing call stores: `session` in `sessions.set(session.id, session)`. */
function storedValue(source: string): string | undefined {
  const call = /\.(?:set|push|add|unshift|on|once|addListener|addEventListener|register)\s*\((.*)\)/.exec(
    source,
  )
  const assigned = /(?:\]|\.\w+)\s*=\s*([A-Za-z_$][\w$]*)\s*;?\s*$/.exec(source)
  const args = call?.[1]?.split(',').map((part) => part.trim())
  const candidate = args?.[args.length - 1] ?? assigned?.[1]
  return candidate && /^[A-Za-z_$][\w$]*$/.test(candidate) ? candidate : undefined
}

function declaration(body: BodyLine[], name: string, before: number): BodyLine | undefined {
  const pattern = new RegExp(`\\b(?:const|let|var)\\s+${name.replace(/\$/g, '\\$')}\\b`)
  return [...body].reverse().find((entry) => entry.line <= before && pattern.test(entry.text))
}

function at(lines: string[], entry: BodyLine): AllocatingLine {
  const text = lines[entry.line - 1] ?? ''
  const indent = text.length - text.trimStart().length
  return { line: entry.line, column: indent + 1, source: text.trim() }
}
