// Results with a full diagnosis, made by hand so that the messages and reports built from them are stable.
import { createLeakRecord } from '../../src/matcher/create-leak-record.js'
import { formatLeakMessage } from '../../src/report/format-leak-message.js'
import type { MessageColors } from '../../src/report/message-colors.js'
import type { LeakExpectation, LeakRecord } from '../../src/result/leak-record.js'
import type { LeakResult } from '../../src/result/leak-result.js'

// Colours made visible: each colour wraps its text in a tag.
export const visible: MessageColors = {
  received: (text) => `<red>${text}</red>`,
  expected: (text) => `<yellow>${text}</yellow>`,
  dim: (text) => `<dim>${text}</dim>`,
  bold: (text) => `<b>${text}</b>`,
}
export const root = '/project'
export const samples = [0, 1, 2, 3].map((i) => ({
  iteration: 10 + i * 1000,
  heapBytes: 4_000_000 + i * 32_000,
  externalBytes: 0,
}))

export const leaking: LeakResult = {
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

export const clean: LeakResult = {
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

export const inconclusive: LeakResult = {
  status: 'inconclusive',
  leaked: false,
  bytesPerIteration: 12,
  iterations: 410,
  durationMs: 5000,
  collections: 30,
  async: true,
  samples,
  reason: 'memory swung by 9 KB between windows, more than it grew: no verdict within the 5000 ms budget',
}

/** One record per way a check can end, as both adapters build them. */
export function sampleRecords(): LeakRecord[] {
  const record = (
    result: LeakResult,
    name: string,
    line: number | undefined,
    expected: LeakExpectation,
    passed: boolean,
  ) =>
    createLeakRecord(
      result,
      { id: name, file: '/project/src/store.test.ts', name, ...(line ? { line, column: 3 } : {}) },
      formatLeakMessage(result, undefined, root),
      { expected, passed },
    )
  return [
    record(leaking, 'store > leaks', 4, 'clean', false),
    record(clean, 'store > is clean', undefined, 'clean', true),
    record(leaking, 'store > known leak', 12, 'leak', true),
    record(inconclusive, 'store > swings', 20, 'clean', true),
    record(clean, 'store > was fixed but still asserts a leak', 28, 'leak', false),
  ]
}
