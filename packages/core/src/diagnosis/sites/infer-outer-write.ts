import { functionBody, nestedParameters, parameters, readLines } from '../source/function-body.js'

/** A line of a function's body that writes to state declared outside the function. */
export interface OuterWrite {
  /** The variable written to: `slots` for `slots[next++] = 1`. */
  name: string
  /** What is written through it: `[next++]`, `.cache[key]`, or empty. */
  access: string
  line: number
  column: number
  source: string
}

const assignment =
  /(^|[;{(\s])([A-Za-z_$][\w$]*)((?:\[[^\]]*\]|\.[A-Za-z_$][\w$]*)*)\s*(\+=|\|\|=|\?\?=|=)(?![=>])/g
const declaration = /\b(?:const|let|var|function|class)\s+([A-Za-z_$][\w$]*)/g
const alias = /\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*([A-Za-z_$][\w$]*)\s*[;\n]/g

/**
 * For leaks no instrumented operation stores (index and property writes, a growing string, a
 * closure chain): reads the source of the function that allocates the leak and picks the line that
 * writes to state declared outside it, preferring a closure chain (`previous = () => before()` where
 * `before` holds the earlier `previous`), then index and property writes. A heuristic: the report
 * says the line was found in the source.
 */
export function inferOuterWrite(file: string, line: number, column: number): OuterWrite | undefined {
  const lines = readLines(file)
  if (!lines) return undefined
  const body = functionBody(lines, line - 1, column - 1)
  if (!body) return undefined
  const text = body.map((entry) => entry.text).join('\n')
  const local = new Set<string>()
  for (const match of text.matchAll(declaration)) local.add(match[1]!)
  for (const name of parameters(body[0]!.text)) local.add(name)
  // Parameters of functions nested in the body are theirs, not outer state.
  for (const name of nestedParameters(text)) local.add(name)
  // `const before = previous`: a local that holds the outer variable's earlier value.
  const aliases = new Map<string, string>()
  for (const match of text.matchAll(alias)) aliases.set(match[1]!, match[2]!)
  let best: (OuterWrite & { score: number }) | undefined
  for (const entry of body) {
    for (const match of entry.text.matchAll(assignment)) {
      const [, lead, name, access, operator] = match
      if (local.has(name!) || name === 'this') continue
      const rest = entry.text.slice((match.index ?? 0) + match[0].length)
      const score = access ? 3 : operator === '=' ? (buildsChain(name!, rest, aliases) ? 4 : 1) : 2
      if (!best || score > best.score) {
        const column = entry.offset + (match.index ?? 0) + lead!.length + 1
        best = {
          name: name!,
          access: access ?? '',
          line: entry.line,
          column,
          source: lines[entry.line - 1]!.trim(),
          score,
        }
      }
    }
  }
  return (
    best && {
      name: best.name,
      access: best.access,
      line: best.line,
      column: best.column,
      source: best.source,
    }
  )
}

/** `previous = () => before() + 1` with `const before = previous`, or `next = wrap(next)`. */
function buildsChain(name: string, assigned: string, aliases: Map<string, string>): boolean {
  const mentions = (identifier: string) =>
    new RegExp(`(^|[^\\w$.])${identifier.replace(/\$/g, '\\$')}\\b`).test(assigned)
  if (mentions(name)) return true
  for (const [local, outer] of aliases) if (outer === name && mentions(local)) return true
  return false
}
