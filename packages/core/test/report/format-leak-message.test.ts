import { describe, expect, test } from 'vitest'
import { createLeakRecord } from '../../src/matcher/create-leak-record.js'
import { buildRunReport } from '../../src/report/build-run-report.js'
import { formatGithubAnnotations } from '../../src/report/format-github-annotations.js'
import { formatLeakMessage } from '../../src/report/format-leak-message.js'
import { formatRunReport } from '../../src/report/format-run-report.js'
import type { MessageColors } from '../../src/report/message-colors.js'
import type { LeakResult } from '../../src/result/leak-result.js'

// Colours made visible: each colour wraps its text in a tag.
const visible: MessageColors = {
  received: (text) => `<red>${text}</red>`,
  expected: (text) => `<yellow>${text}</yellow>`,
  dim: (text) => `<dim>${text}</dim>`,
  bold: (text) => `<b>${text}</b>`,
}
const root = '/project'
const samples = [0, 1, 2, 3].map((i) => ({
  iteration: 10 + i * 1000,
  heapBytes: 4_000_000 + i * 32_000,
  externalBytes: 0,
}))

const leaking: LeakResult = {
  status: 'leaking',
  leaked: true,
  bytesPerIteration: 32,
  iterations: 3010,
  durationMs: 41.7,
  collections: 7,
  async: false,
  samples,
  reason: 'memory grew steadily in each of the last 3 windows (3000 calls)',
  sites: [
    {
      kind: 'stored-at',
      file: '/project/src/session-store.ts',
      line: 13,
      column: 12,
      functionName: 'openSession',
      source: 'sessions.set(session.id, session)',
      operation: 'Map.prototype.set',
      target: 'Map (3,010 entries)',
      bytesPerIteration: 32,
      countPerIteration: 1,
      traceback: [
        {
          functionName: 'openSession',
          file: '/project/src/session-store.ts',
          line: 13,
          column: 12,
          owner: 'user',
        },
        {
          functionName: 'emit',
          file: '/project/node_modules/mitt/index.js',
          line: 3,
          column: 1,
          owner: 'library',
        },
        {
          functionName: '<anonymous>',
          file: '/project/src/store.test.ts',
          line: 5,
          column: 16,
          owner: 'user',
        },
      ],
    },
    {
      kind: 'allocated-in',
      file: '/project/src/session-store.ts',
      line: 11,
      column: 17,
      functionName: 'openSession',
      source: 'export function openSession(user: string): Session {',
      bytesPerIteration: 30,
      countPerIteration: 31.5,
    },
  ],
}

const clean: LeakResult = {
  status: 'clean',
  leaked: false,
  bytesPerIteration: 0,
  iterations: 2058,
  durationMs: 12.3,
  collections: 2,
  async: true,
  samples: samples.slice(0, 2).map((s) => ({ ...s, heapBytes: 4_000_000 })),
  reason: 'no retained growth over the last 2048 calls',
}

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

describe('run report', () => {
  const records = [
    createLeakRecord(
      leaking,
      { id: 'a', file: '/project/src/store.test.ts', name: 'store > leaks', line: 4, column: 3 },
      formatLeakMessage(leaking, undefined, root),
    ),
    createLeakRecord(
      clean,
      { id: 'b', file: '/project/src/store.test.ts', name: 'store > is clean' },
      formatLeakMessage(clean, undefined, root),
    ),
  ]
  const report = buildRunReport('vitest', records)

  test('summary counts every verdict', () => {
    expect(report.summary).toEqual({ checked: 2, clean: 1, leaking: 1, inconclusive: 0 })
  })

  test('the end-of-run report lists leaks in full and counts clean checks', () => {
    expect(formatRunReport(report, root, visible)).toMatchSnapshot()
  })

  test('nothing is printed when no test used leakproof', () => {
    expect(formatRunReport(buildRunReport('jest', []), root, visible)).toBe('')
  })

  test('GitHub annotations point at the line that stores the leak', () => {
    expect(formatGithubAnnotations(report, root)).toMatchSnapshot()
  })
})
