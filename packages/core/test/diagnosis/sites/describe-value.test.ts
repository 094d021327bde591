import { runInNewContext } from 'node:vm'
import { describe, expect, test } from 'vitest'
import { describeValue, valueKind } from '../../../src/diagnosis/sites/describe-value.js'

class Session {
  id = 7
  user = 'ada'
  payload = [1, 2, 3]
}

describe('describeValue', () => {
  test('prints objects the way Jest and Vitest messages print them, keys in written order', () => {
    expect(describeValue({ sku: 'A-1', currency: 'EUR', cents: 1999 })).toBe(
      '{"sku": "A-1", "currency": "EUR", "cents": 1999}',
    )
    expect(describeValue(new Session())).toBe('Session {"id": 7, "user": "ada", "payload": [1, 2, 3]}')
  })

  test('primitives', () => {
    expect(describeValue('ada')).toBe('"ada"')
    expect(describeValue(42)).toBe('42')
    expect(describeValue(-0)).toBe('-0')
    expect(describeValue(10n)).toBe('10n')
    expect(describeValue(undefined)).toBe('undefined')
    expect(describeValue(null)).toBe('null')
    expect(describeValue(Symbol('session'))).toBe('Symbol(session)')
  })

  test('functions by name, never called', () => {
    let calls = 0
    function onTick() {
      calls++
    }
    expect(describeValue(onTick)).toBe('[Function onTick]')
    expect(describeValue(() => calls++)).toBe('[Function anonymous]')
    expect(describeValue(class Worker {})).toBe('[Function Worker]')
    expect(calls).toBe(0)
  })

  test('nesting beyond two levels prints as the runners do: [Object]', () => {
    expect(describeValue({ a: { b: { c: 1 } }, list: [[1]] })).toBe(
      '{"a": {"b": [Object]}, "list": [[Array]]}',
    )
    expect(describeValue({ a: { s: new Session() } })).toBe('{"a": {"s": [Session]}}')
  })

  test('five items of an array, Map or Set, then …', () => {
    expect(describeValue([1, 2, 3, 4, 5, 6, 7])).toBe('[1, 2, 3, 4, 5, …]')
    expect(describeValue([1, 2, 3, 4, 5])).toBe('[1, 2, 3, 4, 5]')
    expect(describeValue(new Map([['ada', { id: 1 }]]))).toBe('Map {"ada" => {"id": 1}}')
    expect(describeValue(new Map(Array.from({ length: 9 }, (_, i) => [i, i])))).toBe(
      'Map {0 => 0, 1 => 1, 2 => 2, 3 => 3, 4 => 4, …}',
    )
    expect(describeValue(new Set(['a', 'b']))).toBe('Set {"a", "b"}')
  })

  test('Buffers and typed arrays with their type', () => {
    expect(describeValue(Buffer.from('hello world'))).toBe('Buffer [104, 101, 108, 108, 111, …]')
    expect(describeValue(new Float64Array(2))).toBe('Float64Array [0, 0]')
    expect(describeValue(new ArrayBuffer(16))).toBe('ArrayBuffer [16 bytes]')
    // A huge one costs no more than a small one.
    expect(describeValue(new Uint8Array(50_000_000))).toBe('Uint8Array [0, 0, 0, 0, 0, …]')
  })

  test('at most 120 characters, whatever the value', () => {
    const huge = 'x'.repeat(10_000_000)
    expect(describeValue(huge)).toHaveLength(120)
    expect(describeValue(huge).endsWith('…')).toBe(true)
    const wide = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`key${i}`, i]))
    const text = describeValue(wide)
    expect(text).toHaveLength(120)
    expect(text).toMatch(/^\{"key0": 0, "key1": 1, .*…$/)
  })

  test('on one line', () => {
    expect(describeValue({ note: 'two\nlines' })).toBe('{"note": "two\\nlines"}')
  })

  test('a getter is named, not called', () => {
    let reads = 0
    const counted = {
      id: 1,
      get total() {
        reads++
        return 2
      },
      set total(_: number) {},
    }
    Object.defineProperty(counted, 'next', { enumerable: true, get: () => reads++ })
    Object.defineProperty(counted, 'sink', { enumerable: true, set: () => {} })
    expect(describeValue(counted)).toBe(
      '{"id": 1, "total": [Getter/Setter], "next": [Getter], "sink": [Setter]}',
    )
    const throwing = Object.defineProperty({}, 'boom', {
      enumerable: true,
      get() {
        throw new Error('getter ran')
      },
    })
    expect(describeValue(throwing)).toBe('{"boom": [Getter]}')
    expect(describeValue([counted])).toBe(
      '[{"id": 1, "total": [Getter/Setter], "next": [Getter], "sink": [Setter]}]',
    )
    expect(reads).toBe(0)
  })

  test('no Proxy trap runs, and a revoked Proxy is fine', () => {
    const traps: string[] = []
    const handler: ProxyHandler<object> = {}
    for (const trap of ['get', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf'] as const) {
      handler[trap] = (...args: unknown[]) => {
        traps.push(trap)
        return (Reflect[trap] as (...a: unknown[]) => unknown)(...args)
      }
    }
    expect(describeValue(new Proxy({ id: 1 }, handler))).toBe('[Proxy]')
    expect(describeValue({ reactive: new Proxy([], handler) })).toBe('{"reactive": [Proxy]}')
    expect(traps).toEqual([])
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    expect(describeValue(proxy)).toBe('[Proxy]')
    expect(valueKind(proxy)).toBe('Proxy')
  })

  test('a prototype that throws, or is a Proxy, falls back to Object', () => {
    const { proxy, revoke } = Proxy.revocable({}, {})
    const orphan = Object.create(proxy) as { id?: number }
    orphan.id = 1
    revoke()
    expect(describeValue(orphan)).toBe('{"id": 1}')
    expect(describeValue(Object.create(null))).toBe('{}')
  })

  test('overridden methods and toJSON do not run', () => {
    let ran = 0
    class Cache extends Map<string, number> {
      override entries(): MapIterator<[string, number]> {
        ran++
        return super.entries()
      }
      toJSON() {
        ran++
        return 'json'
      }
    }
    const cache = new Cache([['a', 1]])
    expect(describeValue(cache)).toBe('Map {"a" => 1}')
    expect(describeValue({ toJSON: () => ran++, id: 1 })).toBe('{"toJSON": [Function toJSON], "id": 1}')
    expect(ran).toBe(0)
  })

  test('cycles', () => {
    const a: Record<string, unknown> = { id: 1 }
    a.self = a
    expect(describeValue(a)).toBe('{"id": 1, "self": [Circular]}')
    const list: unknown[] = [1]
    list.push(list)
    expect(describeValue(list)).toBe('[1, [Circular]]')
  })

  test('errors, dates, regular expressions, promises and weak collections', () => {
    expect(describeValue(new TypeError('bad sku'))).toBe('[TypeError: bad sku]')
    expect(describeValue(new Date(0))).toBe('1970-01-01T00:00:00.000Z')
    expect(describeValue(/sku-\d+/gi)).toBe('/sku-\\d+/gi')
    expect(describeValue(Promise.resolve(1))).toBe('Promise {}')
    expect(describeValue(new WeakMap())).toBe('WeakMap {}')
  })

  test('values from another realm (a vm context, as Jest runs tests)', () => {
    const value = runInNewContext(`
      class Order { constructor() { this.sku = 'A-1'; this.lines = new Map([[1, { qty: 2 }]]) } }
      ({ order: new Order(), bytes: new Uint8Array(2), seen: new Set([1]) })
    `)
    expect(describeValue(value)).toBe(
      '{"order": Order {"sku": "A-1", "lines": [Map]}, "bytes": Uint8Array [0, 0], "seen": Set {1}}',
    )
    expect(describeValue(runInNewContext('new Date(0)'))).toBe('1970-01-01T00:00:00.000Z')
    expect(valueKind(runInNewContext('new (class Order {})()'))).toBe('Order')
  })
})

describe('valueKind', () => {
  test('the constructor or kind of a value', () => {
    expect(valueKind(new Session())).toBe('Session')
    expect(valueKind({})).toBe('Object')
    expect(valueKind([])).toBe('Array')
    expect(valueKind(() => 1)).toBe('(closure)')
    expect(valueKind('ada')).toBe('string')
    expect(valueKind(null)).toBe('null')
  })
})
