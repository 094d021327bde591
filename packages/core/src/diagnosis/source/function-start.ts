/** Words that take a parenthesised head and a block but start no function. */
const statementWords = new Set(['if', 'for', 'while', 'switch', 'catch', 'with', 'return', 'await', 'typeof'])

/**
 * Where a function really starts on its mapped line. A function's location, mapped back through a
 * transpiler's source map, lands on the nearest mapped token before it: the variable it is assigned
 * to (`const cb = (key) => ...`) or the call it is passed to (`memoize((key) => ...)`), whose
 * text would then be read as the function's own writes and calls. Returns the 0-based column of
 * the first function head at or after `column` on the line (`function`, an arrow's parameters, a
 * method or declaration name followed by its block), or `column` itself when none is found.
 */
export function functionStart(line: string, column: number): number {
  for (let at = column; at < line.length; at++) {
    if (at > 0 && /[\w$]/.test(line[at - 1]!)) continue
    if (startsFunction(line, at)) return at
  }
  return column
}

function startsFunction(line: string, at: number): boolean {
  const rest = line.slice(at)
  if (/^(?:async\s+)?function\b/.test(rest)) return true
  if (/^(?:async\s+)?[A-Za-z_$][\w$]*\s*=>/.test(rest)) return true
  const head = /^(?:async\s*)?(?=\()/.exec(rest)
  if (head) return arrowAfter(line, at + head[0].length)
  const name = /^(?:async\s+)?(?:get\s+|set\s+|static\s+)?([A-Za-z_$][\w$]*)\s*(?=\()/.exec(rest)
  if (!name || statementWords.has(name[1]!)) return false
  const close = closingParen(line, at + name[0].length)
  // `name(params) {` or `name(params): Type {` is a method or declaration; `name(args)` is a call.
  return close !== undefined && /^\s*(?::[^=;{]*)?\{/.test(line.slice(close + 1))
}

/** `(params) =>` or `(params): Type =>` at `open`. */
function arrowAfter(line: string, open: number): boolean {
  const close = closingParen(line, open)
  return close !== undefined && /^\s*(?::[^=;{()]*)?=>/.test(line.slice(close + 1))
}

/** The index of the `)` matching the `(` at `open` on this line, if it closes there. */
function closingParen(line: string, open: number): number | undefined {
  let depth = 0
  for (let index = open; index < line.length; index++) {
    const char = line[index]
    if (char === '(') depth++
    else if (char === ')' && --depth === 0) return index
  }
  return undefined
}
