import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { InvalidOptionError } from '../../src/errors/leakproof-error.js'
import { splitHeapSnapshotOption, writeLeakSnapshot } from '../../src/matcher/heap-snapshot-option.js'
import type { LeakMatcherOutcome } from '../../src/matcher/run-leak-matcher.js'
import { type MatcherContextLike, runLeakMatcher } from '../../src/matcher/run-leak-matcher.js'
import { tempFolder } from '../temp-folder.js'

const scratch = tempFolder('leakproof-snap')

const identity = (text: string) => text
const context: MatcherContextLike = {
  isNot: true,
  currentTestName: 'store > keeps sessions',
  utils: {
    matcherHint: () => 'expect(fn).not.toLeakMemory()',
    RECEIVED_COLOR: identity,
    EXPECTED_COLOR: identity,
    DIM_COLOR: identity,
    BOLD_WEIGHT: identity,
  },
}

describe("heapSnapshot: 'on-leak'", () => {
  test('is taken apart from the detector options and validated', () => {
    expect(splitHeapSnapshotOption({ heapSnapshot: 'on-leak', timeout: 5 })).toEqual({
      heapSnapshot: 'on-leak',
      detectorOptions: { timeout: 5 },
    })
    expect(splitHeapSnapshotOption(undefined)).toEqual({ heapSnapshot: false, detectorOptions: undefined })
    expect(() => splitHeapSnapshotOption({ heapSnapshot: 'always' as never })).toThrow(InvalidOptionError)
  })

  test('a leak found by the matcher writes a snapshot named after the test, listed in the outcome', () => {
    const kept: object[] = []
    const outcome = runLeakMatcher(context, () => kept.push({ id: kept.length }), {
      heapSnapshot: 'on-leak',
      sites: false,
      retainers: false,
    }) as LeakMatcherOutcome
    expect(outcome.result.status).toBe('leaking')
    const file = outcome.check.heapSnapshot!
    try {
      expect(file).toMatch(/\.leakproof\/heap-snapshots\/store-keeps-sessions-\d+-\d+\.heapsnapshot$/)
      expect(existsSync(file)).toBe(true)
    } finally {
      rmSync(file, { force: true })
    }
  })

  test('a clean check writes none', () => {
    const outcome = runLeakMatcher(context, () => JSON.stringify({ a: 1 }), {
      heapSnapshot: 'on-leak',
    }) as LeakMatcherOutcome
    expect(outcome.result.status).toBe('clean')
    expect(outcome.check.heapSnapshot).toBeUndefined()
  })

  test('a folder that cannot be written gives no snapshot rather than a failed test', () => {
    const folder = mkdtempSync(join(scratch, 'case-'))
    // A file where the folder should be: mkdir fails.
    const blocked = join(folder, 'file')
    writeFileSync(blocked, '')
    expect(writeLeakSnapshot('x', blocked)).toBeUndefined()
  })
})
