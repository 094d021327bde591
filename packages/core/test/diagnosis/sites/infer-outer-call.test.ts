import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { inferOuterCall } from '../../../src/diagnosis/sites/infer-outer-call.js'
import { tempFolder } from '../../temp-folder.js'

const folder = tempFolder('infer-outer-call')

function sourceFile(lines: string[]): string {
  const file = join(folder, `${Math.random().toString(36).slice(2)}.ts`)
  writeFileSync(file, lines.join('\n'))
  return file
}

describe('inferOuterCall', () => {
  test('the call into an imported memoizer, not builtins or local helpers', () => {
    const file = sourceFile([
      "import memoize from 'lodash.memoize'",
      "const render = memoize((view) => '<p>' + view.name + '</p>')",
      'export function page(name: string) {',
      '  const format = (s: string) => s.trim()',
      '  const view = { name: format(name), at: Date.now() }',
      '  return render(view)',
      '}',
    ])
    expect(inferOuterCall(file, 3, 8)).toEqual({
      name: 'render',
      access: '',
      line: 6,
      column: 10,
      source: 'return render(view)',
    })
  })

  test('nothing outside is called', () => {
    const file = sourceFile(['function f(a) {', '  const b = JSON.stringify(a)', '  return b.length', '}'])
    expect(inferOuterCall(file, 1, 1)).toBeUndefined()
  })
})
