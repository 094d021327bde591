import { readFileSync } from 'node:fs'

const files = new Map<string, string[] | undefined>()

/** The trimmed text of a 1-based line of a file, or undefined when it cannot be read. */
export function readSourceLine(file: string, line: number): string | undefined {
  if (!files.has(file)) {
    try {
      files.set(file, readFileSync(file, 'utf8').split(/\r?\n/))
    } catch {
      files.set(file, undefined)
    }
  }
  const text = files.get(file)?.[line - 1]?.trim()
  return text ? (text.length > 160 ? `${text.slice(0, 157)}...` : text) : undefined
}
