import { readFileSync } from 'node:fs'
import { functionStart } from './function-start.js'

/** The lines of a source file, or undefined when it cannot be read. */
export function readLines(file: string): string[] | undefined {
  try {
    return readFileSync(file, 'utf8').split(/\r?\n/)
  } catch {
    return undefined
  }
}

/** A line of a function's body: its 1-based number, where the body's text starts on it, the text. */
export interface BodyLine {
  line: number
  offset: number
  text: string
}

/**
 * The lines of the function starting at (row, column): a block body to its closing brace, or an
 * expression body. The first line's text starts at the function's head (see {@link functionStart}).
 */
export function functionBody(lines: string[], row: number, mappedColumn: number): BodyLine[] | undefined {
  if (lines[row] === undefined) return undefined
  const column = functionStart(lines[row], mappedColumn)
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

export function parameters(head: string): string[] {
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

const nestedFunction = /\bfunction\b\s*[\w$]*\s*\(([^)]*)\)|\(([^()]*)\)\s*=>|([A-Za-z_$][\w$]*)\s*=>/g

/** Parameters of the functions written in `text`: local to them, never outer state. */
export function nestedParameters(text: string): string[] {
  const names: string[] = []
  for (const match of text.matchAll(nestedFunction)) {
    const list = match[1] ?? match[2] ?? match[3] ?? ''
    for (const part of list.split(',')) {
      const name = /^\s*(?:\.\.\.)?([A-Za-z_$][\w$]*)/.exec(part)?.[1]
      if (name) names.push(name)
    }
  }
  return names
}
