import { describe, expect, test } from 'vitest'
import { functionStart } from '../../../src/diagnosis/source/function-start.js'

// A mapped location may land on the variable or the call before the function: the head is found.
const startOf = (line: string, from: string) => line.slice(functionStart(line, line.indexOf(from)))

describe('functionStart', () => {
  test.each([
    ['const cb = (key: string) => ({ html: key })', 'cb', '(key: string) => ({ html: key })'],
    ['const render = memoize((key) => ({ key }))', 'render', '(key) => ({ key }))'],
    ['const render = memoize((key) => ({ key }))', 'memoize', '(key) => ({ key }))'],
    ['const f = async (a): Promise<void> => {', 'f', 'async (a): Promise<void> => {'],
    ['export function renderPage(): string {', 'export', 'function renderPage(): string {'],
    ['list.map(item => item.id)', 'list', 'item => item.id)'],
    ['  render(view: View): string {', 'render', 'render(view: View): string {'],
  ])('%s from %s', (line, from, expected) => {
    expect(startOf(line, from)).toBe(expected)
  })

  test('a call, a statement or a line with no function keeps the mapped column', () => {
    expect(startOf('  if (ready) {', 'if')).toBe('if (ready) {')
    expect(startOf('  store.add(value)', 'store')).toBe('store.add(value)')
  })
})
