import { describe, expect, test } from 'vitest'
import { detectLeak } from '../../src/index.js'

// Runs inside every Vitest pool (see vitest.config.ts): forks, threads, vmThreads, vmForks.
describe('detectLeak inside a Vitest worker', () => {
  test('forces GC without --expose-gc and leaves the flag off', () => {
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe('undefined')
    const result = detectLeak(() => JSON.stringify({ a: 1 }))
    expect(result.status).toBe('clean')
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe('undefined')
  })

  test('finds a leak of objects into a module-level array', () => {
    const retained: object[] = []
    const result = detectLeak(() => retained.push({ id: retained.length }))
    expect(result.status).toBe('leaking')
    expect(result.bytesPerIteration).toBeGreaterThan(16)
  })

  test('awaits async functions and finds their leak', async () => {
    const retained: object[] = []
    const result = await detectLeak(async () => {
      await null
      retained.push({ id: retained.length })
    })
    expect(result).toMatchObject({ status: 'leaking', async: true })
  })

  test('calls a clean async function clean', async () => {
    const result = await detectLeak(async () => {
      await null
      return { ok: true }
    })
    expect(result.status).toBe('clean')
  })
})
