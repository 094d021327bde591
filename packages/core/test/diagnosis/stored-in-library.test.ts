import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { detectLeak, type LeakingResult, type LeakResult } from '../../src/index.js'
import { memoize } from './fixtures/library/memoize.js'

// Leaks kept where no patch sees them; the line to name ends with `// stores: <name>`.
const source = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n')
const lineOf = (name: string) => source.findIndex((line) => line.endsWith(`// stores: ${name}`)) + 1
// The fixture folder stands for node_modules: its lines are never the user's.
const library = { exclude: ['/node_modules/', '/fixtures/library/'] }

declare global {
  var __leakproofBag: Record<string, object>
}

/**
 * The leak verdict of a check, asked again (up to three times) when a loaded machine makes it
 * inconclusive: these tests are about the diagnosis, the verdict has tests of its own.
 */
function leaking(check: () => LeakResult): LeakingResult {
  let result = check()
  for (let attempt = 1; result.status !== 'leaking' && attempt < 3; attempt++) result = check()
  if (result.status !== 'leaking') throw new Error(`expected a leak, got ${result.status}: ${result.reason}`)
  return result
}

const render = memoize((key: string) => ({ html: `<p>${key}</p>` }))
let page = 0
function renderPage(): string {
  const key = `page-${page++}`
  return render(key).html // stores: library
}

describe('stored at, when the leak is kept where no patch sees it', () => {
  test("a library's property writes: the user's line that calls into it", () => {
    const result = leaking(() => detectLeak(renderPage, library))
    const storedAt = result.sites?.find((site) => site.kind === 'stored-at')
    expect(storedAt).toMatchObject({ line: lineOf('library'), inferred: true })
    expect(result.retainers?.[0]?.path[0]).toMatch(
      /^render: \(closure\) in module .*stored-in-library\.test\.ts$/,
    )
  })

  test('a property bag on the global object', () => {
    globalThis.__leakproofBag = {}
    let n = 0
    try {
      const result = leaking(() =>
        detectLeak(() => {
          const id = `item-${n++}`
          globalThis.__leakproofBag[id] = { id } // stores: bag
        }),
      )
      expect(result.sites?.find((site) => site.kind === 'stored-at')?.line).toBe(lineOf('bag'))
      expect(result.retainers?.[0]?.path[0]).toBe(
        'globalThis.__leakproofBag: Object { item-0, item-1, item-2, ... }',
      )
    } finally {
      globalThis.__leakproofBag = {}
    }
  })
})
