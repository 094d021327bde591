import { afterEach, describe, expect, test } from 'vitest'
import { InvalidOptionError } from '../../src/errors/leakproof-error.js'
import { envOptions } from '../../src/matcher/env-options.js'
import { configureLeakproof, withProjectOptions } from '../../src/matcher/project-options.js'
import { type MatcherContextLike, runLeakMatcher } from '../../src/matcher/run-leak-matcher.js'
import type { LeakResult } from '../../src/result/leak-result.js'

const identity = (text: string) => text
const notContext: MatcherContextLike = {
  isNot: true,
  utils: {
    matcherHint: () => 'expect(fn).not.toLeakMemory()',
    RECEIVED_COLOR: identity,
    EXPECTED_COLOR: identity,
    DIM_COLOR: identity,
    BOLD_WEIGHT: identity,
  },
}

afterEach(() => {
  configureLeakproof({})
  delete process.env.LEAKPROOF_STRICT
  delete process.env.LEAKPROOF_TIMEOUT
})

describe('project-wide options', () => {
  test('precedence: the call, then the environment, then configureLeakproof(), then the defaults', () => {
    configureLeakproof({ timeout: 1000, threshold: 8, strict: false })
    expect(withProjectOptions(undefined)).toEqual({ timeout: 1000, threshold: 8, strict: false })
    process.env.LEAKPROOF_STRICT = '1'
    process.env.LEAKPROOF_TIMEOUT = '2000'
    expect(withProjectOptions({})).toEqual({ timeout: 2000, threshold: 8, strict: true })
    expect(withProjectOptions({ timeout: 3000, threshold: undefined })).toEqual({
      timeout: 3000,
      threshold: 8,
      strict: true,
    })
  })

  test('each configureLeakproof() replaces the previous defaults, and refuses bad ones at once', () => {
    configureLeakproof({ retainers: false })
    configureLeakproof({ sites: false })
    expect(withProjectOptions({})).toEqual({ sites: false })
    expect(() => configureLeakproof({ timeout: -1 })).toThrow(InvalidOptionError)
    expect(withProjectOptions({})).toEqual({ sites: false })
  })

  test('environment variables: booleans and numbers, empty is unset, anything else names the variable', () => {
    expect(
      envOptions({ LEAKPROOF_STRICT: 'true', LEAKPROOF_RETAINERS: '0', LEAKPROOF_THRESHOLD: '' }),
    ).toEqual({
      strict: true,
      retainers: false,
    })
    expect(() => envOptions({ LEAKPROOF_STRICT: 'yes' })).toThrow(
      /`LEAKPROOF_STRICT` must be 1, true, 0 or false/,
    )
    expect(() => envOptions({ LEAKPROOF_TIMEOUT: '5s' })).toThrow(/`LEAKPROOF_TIMEOUT` must be a number/)
  })

  test('the matcher applies them: a project threshold above the growth lets a small leak pass', () => {
    // A fresh array each time: what the first check kept (up to `iterations` numbers, 128 MB at the
    // default) would make the second one's capacity steps larger than `maxRetainedBytes`.
    const makeLeak = () => {
      const kept: number[] = []
      return () => {
        kept.push(kept.length)
      }
    }
    configureLeakproof({ threshold: 1_000_000, sites: false, retainers: false })
    const lenient = runLeakMatcher(notContext, makeLeak()) as { pass: boolean; result: LeakResult }
    expect(lenient.result.status).not.toBe('leaking')
    // The call's own threshold wins over the project's.
    const strict = runLeakMatcher(notContext, makeLeak(), { threshold: 0 }) as {
      pass: boolean
      result: LeakResult
    }
    expect(strict.result.status).toBe('leaking')
  })
})
