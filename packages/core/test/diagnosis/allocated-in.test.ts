import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { detectLeak, type LeakingResult, type LeakResult } from '../../src/index.js'

// "Allocated in" names what leaks, never per-call garbage of a shared helper. Marked lines end
// with `// leaks here` (the storing line) or `// garbage` (a helper's line that must not be named).
const source = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n')
const lineOf = (marker: string, mark = '// leaks here') =>
  source.findIndex((line) => line.includes(marker) && line.includes(mark)) + 1

function leaking(result: LeakResult): LeakingResult {
  if (result.status !== 'leaking') throw new Error(`expected a leak, got ${result.status}: ${result.reason}`)
  return result
}

function allocatedIn(result: LeakingResult) {
  return result.sites?.find((site) => site.kind === 'allocated-in')
}

/** A long-lived stack that a view library pushes a fresh queue onto, and pops, around each render. */
const reactions: number[][] = []

function render(items: number): number {
  let total = 0
  for (let i = 0; i < items; i++) {
    reactions.push([i, i + 1]) // garbage
    total += reactions.pop()?.length ?? 0
  }
  return total
}

describe('"allocated in" names what leaks', () => {
  test('not garbage that a shared helper pushes into a long-lived structure and pops again', () => {
    const counts: number[] = []
    const result = leaking(
      detectLeak(() => {
        counts.push(render(20)) // leaks here: counts
      }),
    )
    expect(allocatedIn(result)?.line).not.toBe(lineOf('reactions.push', '// garbage'))
    expect(allocatedIn(result)).toMatchObject({
      file: fileURLToPath(import.meta.url),
      line: lineOf('counts.push'),
    })
  })
})
