import { describe, expect, test } from 'vitest'
import { formatLeakMessage } from '../../src/report/format-leak-message.js'
import type { LeakResult } from '../../src/result/leak-result.js'
import { clean, leaking, root, visible } from './sample-results.js'

describe('formatLeakMessage', () => {
  test('a leak: verdict, growth, sparkline, leaking line, traceback, allocating function', () => {
    expect(formatLeakMessage(leaking, visible, root)).toMatchSnapshot()
  })

  test('a clean verdict', () => {
    expect(formatLeakMessage(clean, visible, root)).toMatchSnapshot()
  })

  test('a leak whose diagnosis found no line says so', () => {
    const result: LeakResult = {
      ...leaking,
      sites: [],
      diagnosisNotes: ['no line of your code stored values'],
    }
    expect(formatLeakMessage(result, visible, root)).toMatchSnapshot()
  })
})
