import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { allocatingLine, allocatingNear, isNotPerCall } from '../../../src/diagnosis/sites/allocating-line.js'
import { tempFolder } from '../../temp-folder.js'

const source = (file: string, line: number) => readFileSync(file, 'utf8').split('\n')[line - 1]!.trim()

const folder = tempFolder('allocating-line')

function sourceFile(lines: string[]): string {
  const file = join(folder, `${Math.random().toString(36).slice(2)}.ts`)
  writeFileSync(file, lines.join('\n'))
  return file
}

const store = [
  'const sessions = new Map()',
  'export function openSession(user: string): Session {',
  '  log(user)',
  '  const session = { id: nextId++, user, payload: [1, 2, 3] }',
  '  sessions.set(session.id, session)',
  '  return session',
  '}',
]

describe('allocatingLine', () => {
  test('the declaration of the value the leaking line stores, not the header', () => {
    const file = sourceFile(store)
    const stored = { file, line: 5, source: 'sessions.set(session.id, session)' }
    expect(allocatingLine(file, 2, 8, stored)).toEqual({
      line: 4,
      column: 3,
      source: 'const session = { id: nextId++, user, payload: [1, 2, 3] }',
    })
  })

  test('the leaking line itself when it allocates the value inline', () => {
    const file = sourceFile(['function add() {', '  list.push({ at: Date.now() })', '}'])
    const stored = { file, line: 2, source: 'list.push({ at: Date.now() })' }
    expect(allocatingLine(file, 1, 1, stored)?.line).toBe(2)
  })

  test('the leaking line when the stored value is made without allocating syntax', () => {
    const file = sourceFile([
      'function price(query) {',
      '  const value = query.sku.length * 100',
      '  cache.set(query, value)',
      '}',
    ])
    const stored = { file, line: 3, source: 'cache.set(query, value)' }
    expect(allocatingLine(file, 1, 1, stored)?.line).toBe(3)
  })

  test("the call on the leaking line's chain, when the function itself allocates nothing visible", () => {
    const file = sourceFile([
      'export async function fetchSession(user: string) {',
      '  await null',
      '  return openSession(user)',
      '}',
    ])
    const stored = {
      file: '/elsewhere/store.ts',
      line: 5,
      source: 'sessions.set(s.id, s)',
      traceback: [{ file, line: 3 }],
    }
    expect(allocatingLine(file, 1, 8, stored)).toEqual({
      line: 3,
      column: 3,
      source: 'return openSession(user)',
    })
  })

  test("a helper off the leaking line's chain: the value it returns, not its per-call scratch", () => {
    const file = sourceFile([
      'export function scanLog(text) {',
      '  const byPath = new Map()',
      '  for (const line of text.split(`\\n`)) byPath.set(line, 1)',
      '  return {',
      '    paths: byPath.size,',
      '  }',
      '}',
      'function summary(orders) {',
      '  const totals = orders.map((order) => order.total)',
      '  const result = { count: totals.length }',
      '  return result',
      '}',
    ])
    // The leaking line stored what scanLog returned: `slowScans.push({ stats })` in its caller.
    const stored = {
      file: '/elsewhere/scans.ts',
      line: 9,
      source: 'slowScans.push({ calls, stats })',
      traceback: [{ file: '/elsewhere/scans.ts', line: 9 }],
    }
    expect(allocatingLine(file, 1, 8, stored)?.line).toBe(4)
    expect(allocatingLine(file, 8, 1, stored)?.line).toBe(10)
  })

  test('without a leaking line, the first line with allocating syntax', () => {
    const file = sourceFile(store)
    expect(allocatingLine(file, 2, 8)?.line).toBe(4)
  })

  test('a one-line arrow function is its own body', () => {
    const file = sourceFile(['const remember = (key) => cache.set(key, { key })'])
    expect(allocatingLine(file, 1, 18)?.line).toBe(1)
  })

  test('imports and test declarations allocate nothing per call', () => {
    expect(isNotPerCall("import { openSession } from './session-store'")).toBe(true)
    expect(isNotPerCall("test('sessions leak', () => {")).toBe(true)
    expect(isNotPerCall("it.each([1])('x', () => {")).toBe(true)
    expect(isNotPerCall('const session = {}')).toBe(false)
  })
})

describe('allocatingNear', () => {
  test('whether the source shows the stored value made at the storing line or just above it', () => {
    const file = sourceFile([
      'function scan() {',
      '  const { errors } = scanLog(text)',
      '  errorCounts.push(errors)',
      '  const record = { errors, at: Date.now() }',
      '  records.push(record)',
      '  if (++calls % 10 === 0) slowScans.push({ calls, stats })',
      '}',
    ])
    const near = (line: number) => allocatingNear({ file, line, source: source(file, line) })
    expect(near(3)).toMatchObject({ line: 3, makesValue: false })
    expect(near(5)).toMatchObject({ line: 4, makesValue: true })
    expect(near(6)).toMatchObject({ line: 6, makesValue: true })
  })
})
