import { EventEmitter } from 'node:events'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { detectLeak, type LeakingResult, type LeakResult } from '../../src/index.js'

// Real leaks, each into its own structure; the line that stores each one ends with `// leaks here`.
const source = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n')
const lineOf = (marker: string) =>
  source.findIndex((line) => line.includes(marker) && line.includes('// leaks here')) + 1

function leaking(result: LeakResult): LeakingResult {
  if (result.status !== 'leaking') throw new Error(`expected a leak, got ${result.status}: ${result.reason}`)
  return result
}

describe('diagnosis names the line that stores the leak', () => {
  test('a Map.set, with its traceback and the allocating function', () => {
    const cache = new Map<object, number>()
    const remember = (key: object) => cache.set(key, 1) // leaks here: cache
    const result = leaking(detectLeak(() => remember({ url: '/' })))
    const [storedAt] = result.sites ?? []
    expect(storedAt).toMatchObject({
      kind: 'stored-at',
      line: lineOf('cache.set'),
      functionName: 'remember',
      operation: 'Map.prototype.set',
      source: expect.stringContaining('cache.set(key, 1)'),
    })
    expect(storedAt?.traceback?.[0]).toMatchObject({ functionName: 'remember', owner: 'user' })
    expect(result.sites?.find((site) => site.kind === 'allocated-in')?.file).toBe(
      fileURLToPath(import.meta.url),
    )
  })

  test('an EventEmitter listener that is never removed', () => {
    const bus = new EventEmitter()
    bus.setMaxListeners(0)
    const subscribe = () => bus.on('tick', () => undefined) // leaks here: bus.on
    const result = leaking(detectLeak(subscribe))
    expect(result.sites?.[0]).toMatchObject({
      line: lineOf('bus.on'),
      operation: 'EventEmitter.prototype.on',
    })
  })

  test('an index write, found in the source of the function', () => {
    const slots: number[] = []
    let next = 0
    const result = leaking(
      detectLeak(() => {
        slots[next++] = 1 // leaks here: slots
      }),
    )
    expect(result.sites?.[0]).toMatchObject({ line: lineOf('slots[next++]'), inferred: true })
  })

  test('a cache that is trimmed is not named: its values do not stay', () => {
    const kept: object[] = []
    const trimmed: object[] = []
    const result = leaking(
      detectLeak(() => {
        kept.push({}) // leaks here: kept
        trimmed.push({})
        if (trimmed.length > 10) trimmed.shift()
      }),
    )
    expect(result.sites?.filter((site) => site.kind === 'stored-at').map((site) => site.line)).toEqual([
      lineOf('kept.push'),
    ])
  })

  test('who keeps it alive: the variable that holds the structure, and where it is', () => {
    const registry = new Map<number, { id: number }>()
    let id = 0
    const result = leaking(detectLeak(() => registry.set(id, { id: id++ }))) // leaks here: registry
    expect(result.retainers?.[0]?.path.at(-2)).toMatch(
      /^registry: Map \([\d,]+ entries\) in a closure in .*diagnose-leak\.test\.ts$/,
    )
    // A sample of what leaks, printed the way the runners print values; `object` names its kind.
    expect(result.retainers?.[0]?.path.at(-1)).toMatch(/^\{"id": \d+\}$/)
    expect(result.retainers?.[0]?.object).toBe('Object')
  })

  test('debug keeps the harness frames that tracebacks normally cut off', () => {
    const list: object[] = []
    const add = () => list.push({}) // leaks here: list (debug)
    const trimmed = leaking(detectLeak(add)).sites?.[0]?.traceback ?? []
    const untrimmed = leaking(detectLeak(add, { debug: true })).sites?.[0]?.traceback ?? []
    expect(trimmed.some((frame) => frame.owner === 'leakproof')).toBe(false)
    expect(untrimmed.some((frame) => frame.owner === 'leakproof')).toBe(true)
  })

  test('no diagnosis with sites: false', () => {
    const list: object[] = []
    const result = leaking(detectLeak(() => list.push({}), { sites: false }))
    expect(result.sites).toBeUndefined()
  })
})
