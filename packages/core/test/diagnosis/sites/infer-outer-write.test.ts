import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { inferOuterWrite } from '../../../src/diagnosis/sites/infer-outer-write.js'
import { tempFolder } from '../../temp-folder.js'

const folder = tempFolder('infer-outer-write')

function sourceFile(text: string): string {
  const file = join(folder, `${Math.random().toString(36).slice(2)}.ts`)
  writeFileSync(file, text)
  return file
}

describe('inferOuterWrite', () => {
  test('an index write to an outer array', () => {
    const file = sourceFile(
      [
        'const slots = []',
        'let next = 0',
        'function put(value) {',
        '  const boxed = { value }',
        '  slots[next++] = boxed',
        '}',
      ].join('\n'),
    )
    expect(inferOuterWrite(file, 3, 1)).toEqual({
      name: 'slots',
      access: '[next++]',
      line: 5,
      column: 3,
      source: 'slots[next++] = boxed',
    })
  })

  test('locals and parameters are not outer state', () => {
    const file = sourceFile(
      ['function f(list) {', '  const local = []', '  local[0] = 1', '  list[1] = 2', '}'].join('\n'),
    )
    expect(inferOuterWrite(file, 1, 1)).toBeUndefined()
  })

  test('a growing string', () => {
    const file = sourceFile(['let log = ""', 'const append = (line) => {', '  log += line', '}'].join('\n'))
    expect(inferOuterWrite(file, 2, 16)).toMatchObject({ name: 'log', line: 3 })
  })

  test('a closure chain: the assignment that captures the earlier value, not a property write', () => {
    const file = sourceFile(
      [
        'let previous = () => 0',
        'const handler = () => {',
        '  const before = previous',
        '  stats.calls = stats.calls + 1',
        '  previous = () => before() + 1',
        '}',
      ].join('\n'),
    )
    expect(inferOuterWrite(file, 2, 17)).toMatchObject({ name: 'previous', line: 5 })
  })

  test("a nested function's parameters are its own", () => {
    const file = sourceFile(
      [
        'function track(items) {',
        '  items.forEach((item) => { item.seen = true })',
        '  total += items.length',
        '}',
      ].join('\n'),
    )
    expect(inferOuterWrite(file, 1, 1)).toMatchObject({ name: 'total', line: 3 })
  })

  test('a file that cannot be read', () => {
    expect(inferOuterWrite('/no/such/file.ts', 1, 1)).toBeUndefined()
  })
})
