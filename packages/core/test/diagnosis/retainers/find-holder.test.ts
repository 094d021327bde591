import { describe, expect, test } from 'vitest'
import {
  findHolder,
  type HolderLimits,
  type ReadScopes,
} from '../../../src/diagnosis/retainers/find-holder.js'
import type { AnyFunction, FunctionScopes } from '../../../src/diagnosis/retainers/scope-reader.js'

// The inspector is replaced by a table of scopes per function: the walk itself is plain JavaScript.
function scopesFrom(table: Map<AnyFunction, FunctionScopes>): ReadScopes {
  return (fn) => table.get(fn) ?? { file: undefined, scopes: [] }
}

const limits = (overrides: Partial<HolderLimits> = {}): HolderLimits => ({
  deadline: Number.POSITIVE_INFINITY,
  maxObjects: 10_000,
  maxFunctions: 100,
  isUserFile: (file) => file.startsWith(process.cwd()),
  ...overrides,
})
const cwdFile = (name: string) => `${process.cwd()}/${name}`

describe('findHolder', () => {
  test('names the module variable behind a namespace getter, not the getter', () => {
    const sessions = new Map([[1, { id: 1 }]])
    const openSession = () => sessions
    // A runner's module namespace: exports behind getters whose closures see the module's scope.
    const namespace = Object.defineProperty({}, 'openSession', { get: () => openSession, enumerable: true })
    const getter = Object.getOwnPropertyDescriptor(namespace, 'openSession')!.get!
    const fn = () => namespace
    const moduleScope = {
      file: cwdFile('src/session-store.ts'),
      scopes: [{ kind: 'closure', outermost: true, variables: { sessions, openSession } }],
    }
    const table = new Map<AnyFunction, FunctionScopes>([
      [
        fn,
        {
          file: cwdFile('test/a.test.ts'),
          scopes: [{ kind: 'closure', outermost: true, variables: { __vi_import_0__: namespace } }],
        },
      ],
      [getter, moduleScope],
      [openSession, moduleScope],
    ])
    const path = findHolder(fn, { structure: sessions }, scopesFrom(table), limits())
    expect(path).toEqual(['sessions: Map (1 entries) in module src/session-store.ts'])
  })

  test('a structure inside an object held by a closure variable', () => {
    const store = { sessions: new Set<object>(), name: 'store' }
    const fn = () => store
    const table = new Map<AnyFunction, FunctionScopes>([
      [
        fn,
        { file: cwdFile('src/a.ts'), scopes: [{ kind: 'closure', outermost: false, variables: { store } }] },
      ],
    ])
    expect(findHolder(fn, { structure: store.sessions }, scopesFrom(table), limits())).toEqual([
      'store: Object { sessions, name } in a closure in src/a.ts',
      'sessions: Set (0 values)',
    ])
  })

  test('a variable found by its name and file, even when it holds a string', () => {
    const fn = () => undefined
    const table = new Map<AnyFunction, FunctionScopes>([
      [
        fn,
        {
          file: '/app/src/log.ts',
          scopes: [{ kind: 'module', outermost: true, variables: { log: 'a'.repeat(12) } }],
        },
      ],
    ])
    const path = findHolder(
      fn,
      { variable: { name: 'log', file: '/app/src/log.ts' } },
      scopesFrom(table),
      limits(),
    )
    expect(path?.[0]).toMatch(/^log: string \(12 chars\) in module .*log\.ts$/)
  })

  test('a variable of that name in another file, when the right file has none', () => {
    const cache = new Map()
    const render = () => cache
    const fn = () => render
    const table = new Map<AnyFunction, FunctionScopes>([
      [
        fn,
        {
          file: cwdFile('src/page.ts'),
          scopes: [{ kind: 'closure', outermost: true, variables: { ns: { render } } }],
        },
      ],
      [
        render,
        {
          file: cwdFile('src/render.ts'),
          scopes: [{ kind: 'closure', outermost: true, variables: { render, cache } }],
        },
      ],
    ])
    const path = findHolder(
      fn,
      { variable: { name: 'render', file: cwdFile('src/page.ts') } },
      scopesFrom(table),
      limits(),
    )
    expect(path).toEqual(['render: (closure) in module src/render.ts'])
  })

  test('a global property, when nothing the function reaches holds it', () => {
    const cache = new Map()
    const fn = () => undefined
    ;(globalThis as Record<string, unknown>).__findHolderCache = cache
    try {
      expect(findHolder(fn, { structure: cache }, scopesFrom(new Map()), limits())).toEqual([
        'globalThis.__findHolderCache: Map (0 entries)',
      ])
    } finally {
      delete (globalThis as Record<string, unknown>).__findHolderCache
    }
  })

  test('a structure in a private field of a class instance', () => {
    const listeners = new Set<object>()
    class Bus {
      on() {
        return listeners
      }
    }
    const bus = new Bus()
    const fn = () => bus
    const table = new Map<AnyFunction, FunctionScopes>([
      [fn, { file: cwdFile('src/a.ts'), scopes: [{ kind: 'closure', outermost: true, variables: { bus } }] }],
    ])
    const readPrivate = (object: object) => (object === bus ? { '#listeners': listeners } : {})
    expect(findHolder(fn, { structure: listeners }, scopesFrom(table), limits(), readPrivate)).toEqual([
      'bus: Bus in module src/a.ts',
      '#listeners: Set (0 values)',
    ])
  })

  test('gives up within its limits', () => {
    const fn = () => undefined
    expect(
      findHolder(fn, { structure: {} }, scopesFrom(new Map()), limits({ maxObjects: 1 })),
    ).toBeUndefined()
  })
})
