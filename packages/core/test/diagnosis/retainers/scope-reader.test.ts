import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, test } from 'vitest'
import { ScopeReader } from '../../../src/diagnosis/retainers/scope-reader.js'

const reader = new ScopeReader()
afterAll(() => reader.dispose())

describe('ScopeReader', () => {
  test("a closure's captured variables, with their identities, and the file it was made in", () => {
    const sessions = new Map<number, object>()
    let next = 0
    const open = () => sessions.set(next++, {})
    const { file, scopes } = reader.read(open)
    expect(file).toBe(fileURLToPath(import.meta.url))
    const captured = scopes.find((scope) => 'sessions' in scope.variables)
    expect(captured?.variables.sessions).toBe(sessions)
    expect(captured?.variables.next).toBe(0)
    // The test file's top level (Vitest wraps it in a function) is the outermost scope.
    expect(scopes.at(-1)?.outermost).toBe(true)
  })

  test("an instance's private fields", () => {
    class Bus {
      readonly #listeners = new Set<() => void>()
      readonly count = 0
      on(listener: () => void) {
        this.#listeners.add(listener)
      }
    }
    const bus = new Bus()
    const fields = reader.privateFields(bus)
    expect(Object.keys(fields)).toEqual(['#listeners'])
    expect(fields['#listeners']).toBeInstanceOf(Set)
  })

  test('native functions have no scopes to read', () => {
    expect(reader.read(Math.max).scopes).toEqual([])
  })
})
