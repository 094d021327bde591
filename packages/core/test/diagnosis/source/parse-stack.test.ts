import { pathToFileURL } from 'node:url'
import { describe, expect, test } from 'vitest'
import { parseStack, toPath } from '../../../src/diagnosis/source/parse-stack.js'

describe('parseStack', () => {
  test('named, anonymous, async and file-URL frames; the message line is skipped', () => {
    const url = pathToFileURL('/app/src/session store.ts').href
    const stack = [
      'Error: boom',
      '    at openSession (/app/src/session-store.ts:13:12)',
      '    at /app/test/a.test.ts:6:16',
      '    at async fetchSession (/app/src/fetch.ts:4:3)',
      `    at Object.<anonymous> (${url}:1:1)`,
      '    at node:internal/process/task_queues:95:5',
      '    at new Promise (<anonymous>)',
    ].join('\n')
    expect(parseStack(stack)).toEqual([
      { functionName: 'openSession', file: '/app/src/session-store.ts', line: 13, column: 12 },
      { functionName: '<anonymous>', file: '/app/test/a.test.ts', line: 6, column: 16 },
      { functionName: 'fetchSession', file: '/app/src/fetch.ts', line: 4, column: 3 },
      { functionName: 'Object.<anonymous>', file: '/app/src/session store.ts', line: 1, column: 1 },
      { functionName: '<anonymous>', file: 'node:internal/process/task_queues', line: 95, column: 5 },
    ])
  })

  test('no stack, no frames', () => {
    expect(parseStack(undefined)).toEqual([])
  })

  test('toPath keeps locations that are not file URLs', () => {
    expect(toPath('node:events')).toBe('node:events')
    expect(toPath(pathToFileURL('/x/y.js').href)).toBe('/x/y.js')
  })
})
