import { EventEmitter, once, setMaxListeners } from 'node:events'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { detectLeak, type LeakingResult, type LeakResult } from '../../src/index.js'

// Each kind of store a leak goes through; the line that stores each one ends with `// stores: <name>`.
const source = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n')
const lineOf = (name: string) => source.findIndex((line) => line.endsWith(`// stores: ${name}`)) + 1

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
const storedAt = (result: LeakingResult) => result.sites?.find((site) => site.kind === 'stored-at')

describe('stored at, for each way a leak is stored', () => {
  test('EventEmitter.once and prependOnceListener listeners that never fire', () => {
    const bus = new EventEmitter()
    bus.setMaxListeners(0)
    const result = leaking(() =>
      detectLeak(() => {
        bus.once('ready', () => undefined) // stores: once
      }),
    )
    expect(storedAt(result)).toMatchObject({ line: lineOf('once'), operation: 'EventEmitter.prototype.once' })
    const prepend = () => bus.prependOnceListener('ready', () => undefined) // stores: prepend
    const prepended = leaking(() => detectLeak(prepend))
    expect(storedAt(prepended)?.line).toBe(lineOf('prepend'))
  })

  test('process listeners: process is the holder', () => {
    const runners = process.listeners('beforeExit')
    const max = process.getMaxListeners()
    process.setMaxListeners(0)
    const listen = () => process.on('beforeExit', () => undefined) // stores: process
    const result = leaking(() => detectLeak(listen))
    // Only the listeners this test added go: the runner's own stay.
    for (const listener of process.listeners('beforeExit')) {
      if (!runners.includes(listener)) process.off('beforeExit', listener)
    }
    process.setMaxListeners(max)
    expect(storedAt(result)?.line).toBe(lineOf('process'))
    expect(result.retainers?.[0]?.path).toEqual(['process', '[Function anonymous]'])
  })

  test('events.once(emitter, name) promises that never settle', () => {
    const bus = new EventEmitter()
    bus.setMaxListeners(0)
    const result = leaking(() =>
      detectLeak(() => {
        void once(bus, 'never') // stores: events.once
      }),
    )
    expect(storedAt(result)?.line).toBe(lineOf('events.once'))
    expect(result.retainers?.[0]?.path[0]).toMatch(/^bus: EventEmitter/)
  })

  test('EventTarget listeners with { once } that never fire', () => {
    const target = new EventTarget()
    setMaxListeners(0, target)
    const listen = () => target.addEventListener('ping', () => undefined, { once: true }) // stores: target
    const result = leaking(() => detectLeak(listen))
    expect(storedAt(result)?.line).toBe(lineOf('target'))
  })

  test('FinalizationRegistry registrations on a long-lived target', () => {
    const registry = new FinalizationRegistry<object>(() => undefined)
    const owner = {}
    const register = () => registry.register(owner, { at: Date.now() }) // stores: registry
    const result = leaking(() => detectLeak(register))
    expect(storedAt(result)).toMatchObject({
      line: lineOf('registry'),
      operation: 'FinalizationRegistry.prototype.register',
    })
    expect(result.retainers?.[0]?.path[0]).toMatch(/^registry: FinalizationRegistry/)
  })

  test('Symbol.for with a fresh key per call', () => {
    let n = 0
    const intern = () => Symbol.for(`leakproof.test.${n++}`) // stores: symbol
    const result = leaking(() => detectLeak(intern))
    expect(storedAt(result)).toMatchObject({ line: lineOf('symbol'), operation: 'Symbol.for' })
    expect(result.retainers?.[0]?.path[0]).toMatch(/^the global symbol registry/)
  })

  test('an insertion made once every 64 calls', () => {
    const rare: object[] = []
    const recent: object[] = []
    let n = 0
    const result = leaking(() =>
      detectLeak(() => {
        recent.push({ n })
        if (recent.length > 4) recent.shift()
        if (++n % 64 === 0) rare.push({ n }) // stores: rare
      }),
    )
    expect(storedAt(result)?.line).toBe(lineOf('rare'))
  })

  test('external memory: Buffers kept in an array, with the line that allocates them', () => {
    const buffers: Buffer[] = []
    const result = leaking(() =>
      detectLeak(() => {
        const chunk = Buffer.alloc(4096) // allocates: chunk
        buffers.push(chunk) // stores: buffers
      }),
    )
    expect(storedAt(result)?.line).toBe(lineOf('buffers'))
    const allocatedIn = result.sites?.find((site) => site.kind === 'allocated-in')
    expect(allocatedIn?.source).toContain('Buffer.alloc(4096)')
  })
})
