import { functionBody, nestedParameters, parameters, readLines } from '../source/function-body.js'
import type { OuterWrite } from './infer-outer-write.js'

const call = /(^|[^\w$.])([A-Za-z_$][\w$]*)((?:\.[A-Za-z_$][\w$]*)*)\s*\(/g
const declaration = /\b(?:const|let|var|function|class)\s+([A-Za-z_$][\w$]*)/g
/** Calls that store nothing the function is given, or that the tracker already watches. */
const notStoring = new Set([
  'if',
  'for',
  'while',
  'switch',
  'return',
  'catch',
  'function',
  'typeof',
  'await',
  'new',
  'super',
  'console',
  'Math',
  'JSON',
  'Object',
  'Array',
  'String',
  'Number',
  'Boolean',
  'Promise',
  'Date',
  'Symbol',
  'Reflect',
  'Buffer',
  'BigInt',
  'Error',
  'parseInt',
  'parseFloat',
  'require',
  'setTimeout',
  'setInterval',
  'clearTimeout',
  'clearInterval',
  'queueMicrotask',
  'structuredClone',
  'expect',
])

/**
 * For leaks stored inside a library with a plain property write (a memoizer's cache object, a
 * template cache), which neither the tracker sees nor the function's own source shows: the line of
 * the allocating function that calls into outer code (an imported function or object) is the user's
 * line to name. Returns that call and the outer name it goes through (`render` for `render(view)`).
 */
export function inferOuterCall(file: string, line: number, column: number): OuterWrite | undefined {
  const lines = readLines(file)
  if (!lines) return undefined
  const body = functionBody(lines, line - 1, column - 1)
  if (!body) return undefined
  const text = body.map((entry) => entry.text).join('\n')
  const local = new Set<string>(nestedParameters(text))
  for (const match of text.matchAll(declaration)) local.add(match[1]!)
  for (const name of parameters(body[0]!.text)) local.add(name)
  // The header's own text is a declaration, not a call; a one-line function is its own body.
  const inner = body.length > 1 ? body.slice(1) : body
  for (const entry of inner) {
    for (const match of entry.text.matchAll(call)) {
      const [, lead, name] = match
      if (local.has(name!) || notStoring.has(name!)) continue
      const at = entry.offset + (match.index ?? 0) + lead!.length + 1
      return {
        name: name!,
        access: '',
        line: entry.line,
        column: at,
        source: lines[entry.line - 1]!.trim(),
      }
    }
  }
  return undefined
}
