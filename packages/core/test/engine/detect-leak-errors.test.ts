import vm from 'node:vm'
import { describe, expect, test } from 'vitest'
import {
  ConcurrentCheckError,
  detectLeak,
  FunctionThrewError,
  FunctionTimeoutError,
  NotAFunctionError,
} from '../../src/index.js'
import { getGarbageCollector } from '../../src/runtime/force-gc.js'

describe('detectLeak refuses what it cannot judge', () => {
  test('a non-function', () => {
    expect(() => detectLeak(42 as never)).toThrow(NotAFunctionError)
    expect(() => detectLeak(42 as never)).toThrow('expected a function to call repeatedly, received 42')
  })

  test('a function that throws, with the call it threw on', () => {
    let calls = 0
    const error = (() => {
      try {
        detectLeak(() => {
          if (++calls === 7) throw new RangeError('bad input')
        })
      } catch (caught) {
        return caught
      }
    })()
    expect(error).toBeInstanceOf(FunctionThrewError)
    expect(error).toMatchObject({
      iteration: 7,
      message: expect.stringContaining('threw on call 7: RangeError: bad input'),
    })
  })

  test('an async function that rejects', async () => {
    await expect(detectLeak(async () => Promise.reject(new Error('nope')))).rejects.toThrow(
      'threw on call 1: Error: nope',
    )
  })

  test('an async function that never settles ends at the timeout', async () => {
    await expect(detectLeak(() => new Promise(() => {}), { timeout: 200 })).rejects.toThrow(
      FunctionTimeoutError,
    )
  })

  test('a check started while another runs', async () => {
    const first = detectLeak(async () => {
      await null
    })
    expect(() => detectLeak(() => 1)).toThrow(ConcurrentCheckError)
    await first
  })
})

describe('forcing GC', () => {
  test('works without --expose-gc and leaves the flag off for later contexts', () => {
    expect(typeof getGarbageCollector()).toBe('function')
    expect(vm.runInNewContext('typeof gc')).toBe('undefined')
  })
})
