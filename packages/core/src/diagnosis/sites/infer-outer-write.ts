import { readFileSync } from 'node:fs'

/** A line of a function's body that writes to state declared outside the function. */
export interface OuterWrite {
  /** The variable written to: `slots` for `slots[next++] = 1`. */
  name: string
  line: number
  column: number
  source: string
}

const assignment =
  /(^|[;{(\s])([A-Za-z_$][\w$]*)((?:\[[^\]]*\]|\.[A-Za-z_$][\w$]*)*)\s*(\+=|\|\|=|\?\?=|=)(?![=>])/g
const declaration = /\b(?:const|let|var|function|class)\s+([A-Za-z_$][\w$]*)/g

/**
 * For leaks no instrumented operation stores (index and property writes, a growing string, a
 * closure chain): reads the source of the function that allocates the leak and picks the line that
 * writes to state declared outside it, preferring index and property writes. A heuristic: the
 * report says the line was found in the source.
 */
export function inferOuterWrite(file: string, line: number, column: number): OuterWrite | undefined {
  let lines: string[]
  try {
    lines = readFileSync(file, 'utf8').split(/\r?\n/)
  } catch {
    return undefined
  }
  const body = functionBody(lines, line - 1, column - 1)
  if (!body) return undefined
  const text = body.map((entry) => entry.text).join('\n')
  const local = new Set<string>()
  for (const match of text.matchAll(declaration)) local.add(match[1]!)
  for (const name of parameters(lines[line - 1]?.slice(column - 1) ?? '')) local.add(name)
  let best: (OuterWrite & { score: number }) | undefined
  for (const entry of body) {
    for (const match of entry.text.matchAll(assignment)) {
      const [, lead, name, access, operator] = match
      if (local.has(name!) || name === 'this') continue
      const score = access ? 3 : operator === '=' ? 1 : 2
      if (!best || score > best.score) {
        const column = entry.offset + (match.index ?? 0) + lead!.length + 1
        best = { name: name!, line: entry.line, column, source: lines[entry.line - 1]!.trim(), score }
      }
    }
  }
  return best && { name: best.name, line: best.line, column: best.column, source: best.source }
}

interface BodyLine {
  line: number
  offset: number
  text: string
}

/** The lines of the function starting at (row, column): a block body to its closing brace, or an expression body. */
function functionBody(lines: string[], row: number, column: number): BodyLine[] | undefined {
  const body: BodyLine[] = []
  let depth = 0
  let opened = false
  for (let r = row; r < lines.length && r < row + 200; r++) {
    const start = r === row ? column : 0
    const text = lines[r]!.slice(start)
    body.push({ line: r + 1, offset: start, text })
    for (const char of text) {
      if (char === '{') {
        depth++
        opened = true
      } else if (char === '}') {
        depth--
        if (opened && depth === 0) return body
      }
    }
    // An arrow function with an expression body ends with its line.
    if (!opened && /=>\s*[^{\s]/.test(text)) return body
  }
  return opened ? body : undefined
}

function parameters(head: string): string[] {
  const match =
    /^(?:async\s*)?(?:function\s*[\w$]*\s*)?\(([^)]*)\)|^(?:async\s+)?([A-Za-z_$][\w$]*)\s*=>/.exec(
      head.trim(),
    )
  const list = match?.[1] ?? match?.[2] ?? ''
  return list
    .split(',')
    .map((part) =>
      part
        .trim()
        .replace(/[=\s].*$/, '')
        .replace(/^\.\.\./, ''),
    )
    .filter(Boolean)
}
