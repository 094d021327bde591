import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { inferStore } from '../../../src/diagnosis/sites/infer-store.js'
import { functionLocation } from '../../../src/diagnosis/source/source-mapper.js'
import { memoize } from '../fixtures/library/memoize.js'

const file = fileURLToPath(import.meta.url)
const source = readFileSync(file, 'utf8').split('\n')
const lineOf = (mark: string) => source.findIndex((line) => line.endsWith(`// ${mark}`)) + 1

let built: ((key: string) => { html: string }) | undefined
const keep = <T>(fn: T): T => {
  built = fn as typeof built
  return fn
}
const render = memoize(keep((key: string) => ({ html: `<p>${key}</p>` }))) // builds
let page = 0
function renderPage(): string {
  const key = `page-${page++}`
  return render(key).html // calls into the library
}

describe('inferStore', () => {
  // The sampling profiler may credit the leak to the callback that builds the value; it stores
  // nothing, and the line of the assignment around it is no store either.
  test('a building callback: the line of the function under test that calls into the library', () => {
    const location = functionLocation(built)
    expect(location?.line).toBe(lineOf('builds'))
    const inferred = inferStore({ ...location!, functionName: '<anonymous>' }, renderPage, 64)
    expect(inferred?.site).toMatchObject({ line: lineOf('calls into the library'), inferred: true })
  })

  test('a location mapped to the start of the line reads the function, not the assignment', () => {
    const start = { file, line: lineOf('builds'), column: 1, functionName: '<anonymous>' }
    expect(inferStore(start, renderPage, 64)?.site.line).toBe(lineOf('calls into the library'))
  })
})
