import { describe, expect, test } from 'vitest'
import { Deadline } from '../../src/engine/deadline.js'
import {
  CheckCancelledError,
  FunctionThrewError,
  FunctionTimeoutError,
} from '../../src/errors/leakproof-error.js'
import { now } from '../../src/runtime/real-clock.js'

const never = new Promise<void>(() => {})

/** A deadline whose verdict time ends after `verdictMs` and whose check ends after `endMs`. */
function deadline(verdictMs: number, endMs: number, signal?: AbortSignal): Deadline {
  const startedAt = now()
  return new Deadline(startedAt, startedAt + verdictMs, startedAt + endMs, signal, () => 7)
}

describe('Deadline', () => {
  test('a call in flight when the verdict time ends may still settle before the end', async () => {
    const phases = deadline(0, 200)
    expect(phases.verdictExpired).toBe(true)
    await expect(phases.settle(new Promise((resolve) => setTimeout(resolve, 20)), 3)).resolves.toBeUndefined()
    phases.clear()
  })

  test('a call that has not settled by the end is a FunctionTimeoutError naming the call', async () => {
    const phases = deadline(0, 30)
    await expect(phases.settle(never, 3)).rejects.toMatchObject({
      constructor: FunctionTimeoutError,
      iteration: 3,
    })
    phases.clear()
  })

  test("a call's rejection is the function's error, with its call number", async () => {
    const phases = deadline(100, 200)
    await expect(phases.settle(Promise.reject(new Error('boom')), 5)).rejects.toBeInstanceOf(
      FunctionThrewError,
    )
    phases.clear()
  })

  test('waiting for the event loop to settle ends without an error at the end of the check', async () => {
    const phases = deadline(0, 30)
    await expect(phases.race(never)).resolves.toBeUndefined()
    phases.clear()
  })

  test('the test ending cancels at once, with the calls made so far', async () => {
    const controller = new AbortController()
    const phases = deadline(10_000, 10_000, controller.signal)
    const waiting = phases.settle(never, 1)
    controller.abort()
    await expect(waiting).rejects.toBeInstanceOf(CheckCancelledError)
    await expect(waiting).rejects.toMatchObject({ calls: 7 })
    phases.clear()
  })

  test('the retained cap ends the verdict time early', () => {
    const phases = deadline(10_000, 10_000)
    expect(phases.verdictExpired).toBe(false)
    phases.endVerdictNow()
    expect(phases.verdictExpired).toBe(true)
    expect(phases.expired).toBe(false)
    phases.clear()
  })
})
