import { describe, expect, test } from 'vitest'
import { type CodeScope, classifyFrame } from '../../../src/diagnosis/source/classify-frame.js'

const scope: CodeScope = {
  include: ['/app/'],
  exclude: ['/node_modules/'],
  leakproofRoots: ['/app/node_modules/@leakproof/core/dist', '/app/node_modules/@leakproof/core/src'],
}
const owner = (file: string) => classifyFrame({ functionName: 'f', file, line: 1, column: 1 }, scope)

describe('classifyFrame', () => {
  test.each([
    ['/app/src/session-store.ts', 'user'],
    ['/app/node_modules/lodash/memoize.js', 'library'],
    ['/elsewhere/lib.js', 'library'],
    ['/app/node_modules/@leakproof/core/dist/index.js', 'leakproof'],
    ['/app/node_modules/@leakproof/core/src/engine/detect-leak.ts', 'leakproof'],
    ['node:events', 'internal'],
    ['internal/process/task_queues', 'internal'],
    ['<anonymous>', 'internal'],
  ])('%s is %s code', (file, expected) => {
    expect(owner(file)).toBe(expected)
  })
})
