import { describe, expect, test } from 'vitest'
import {
  CheckNotAwaitedError,
  CheckTimedOutError,
  ConcurrentCheckError,
  type LeakResult,
} from '../../src/index.js'
import type { MatcherContextLike } from '../../src/matcher/run-leak-matcher.js'
import { runOwnedLeakMatcher } from '../../src/matcher/run-owned-check.js'
import type { TestEnd, TestOwner } from '../../src/matcher/test-owner.js'

/** A test as an adapter would describe it; `end()` plays the runner ending the test. */
function fakeTest(timeLeftMs?: number) {
  const handlers: ((end: TestEnd) => Promise<void>)[] = []
  const records: LeakResult[] = []
  const runner = new AbortController()
  const owner: TestOwner = {
    key: {},
    signal: runner.signal,
    timeLeftMs: () => timeLeftMs,
    onEnd: (handler) => handlers.push(handler),
    record: (result) => records.push(result),
  }
  const end = async (how: TestEnd = {}) => {
    const errors: unknown[] = []
    for (const handler of handlers) await handler(how).catch((error: unknown) => errors.push(error))
    return errors
  }
  return { owner, records, end, timeOut: () => runner.abort() }
}

const context: MatcherContextLike = {
  isNot: true,
  utils: {
    matcherHint: () => 'hint',
    RECEIVED_COLOR: String,
    EXPECTED_COLOR: String,
    DIM_COLOR: String,
    BOLD_WEIGHT: String,
  },
}

const slowClean = async () => {
  await new Promise((resolve) => setImmediate(resolve))
}

describe('a check owned by its test', () => {
  test('a forgotten await: stopped when the test ends, filed, and its promise never rejects', async () => {
    const { owner, records, end } = fakeTest()
    const outcome = runOwnedLeakMatcher(context, slowClean, { timeout: 20_000 }, owner) as Promise<unknown>
    const errors = await end()
    expect(errors).toHaveLength(1)
    expect(errors[0]).toBeInstanceOf(CheckNotAwaitedError)
    expect(records[0]).toMatchObject({
      status: 'inconclusive',
      reason: expect.stringContaining('not awaited'),
    })
    // The runner accepts the neutral outcome silently: `.not` with `pass: false`.
    await expect(outcome).resolves.toMatchObject({ pass: false })
  })

  test('a runner timeout: the test is told the check timed out, not that it was not awaited', async () => {
    const test = fakeTest()
    const outcome = runOwnedLeakMatcher(context, slowClean, { timeout: 20_000 }, test.owner)
    test.timeOut()
    await outcome
    const errors = await test.end({ timedOutAfterMs: 1500 })
    expect(errors[0]).toBeInstanceOf(CheckTimedOutError)
    expect(String(errors[0])).toContain('still running when the test timed out after 1500 ms')
  })

  test('the lock is free for the next test once the stopped check has ended', async () => {
    const first = fakeTest()
    runOwnedLeakMatcher(context, slowClean, { timeout: 20_000 }, first.owner)
    await first.end()
    const next = fakeTest()
    const outcome = runOwnedLeakMatcher(context, () => 1, { timeout: 300 }, next.owner)
    expect(outcome).not.toBeInstanceOf(Promise)
  })

  test('checks of concurrent tests wait their turn; a second check of one test is refused', async () => {
    const a = fakeTest()
    const b = fakeTest()
    const first = runOwnedLeakMatcher(context, slowClean, { timeout: 300 }, a.owner)
    expect(() => runOwnedLeakMatcher(context, slowClean, { timeout: 300 }, a.owner)).toThrow(
      ConcurrentCheckError,
    )
    const second = runOwnedLeakMatcher(context, () => 1, { timeout: 300 }, b.owner)
    expect(second).toBeInstanceOf(Promise)
    await Promise.all([first, second])
    expect(a.records).toHaveLength(1)
    expect(b.records).toHaveLength(1)
    expect(b.records[0]?.async).toBe(false)
  })

  test("the test's time left is the check's budget", () => {
    const { owner, records } = fakeTest(400)
    runOwnedLeakMatcher(context, () => [1, 2, 3].sort(), undefined, owner)
    expect(records[0]?.durationMs).toBeLessThan(400)
  })
})
