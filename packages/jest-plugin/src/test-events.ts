import { now, type TestEnd } from '@leakproof/core/adapter'
import { type CircusTest, circusState, circusTimeout } from './circus-state.js'

/** What leakproof keeps per test attempt: when its function started, its signal, its end handlers. */
interface Attempt {
  fnStartedAt?: number
  controller: AbortController
  handlers: ((end: TestEnd) => Promise<void>)[]
  timedOutAfterMs?: number
}

interface CircusEvent {
  name: string
  test?: CircusTest
  error?: unknown
}

type EventHandler = (event: CircusEvent) => unknown

const attempts = new WeakMap<CircusTest, Attempt>()
let listening = false

function attemptOf(test: CircusTest): Attempt {
  let attempt = attempts.get(test)
  if (!attempt) {
    attempt = { controller: new AbortController(), handlers: [] }
    attempts.set(test, attempt)
  }
  return attempt
}

/**
 * Listens to jest-circus's events (Jest 30 shares its handler list on the test global): they reach
 * concurrent tests too, which hooks do not, and fire at the moment a test times out. Returns false
 * when the list is not there (Jest 29): the setup file's `afterEach` then ends checks instead.
 */
export function listenToTestEvents(onRetry: (test: CircusTest) => void): boolean {
  const handlers = (globalThis as Record<symbol, EventHandler[] | undefined>)[Symbol.for('EVENT_HANDLERS')]
  if (!Array.isArray(handlers)) return false
  handlers.push(async (event) => {
    const test = event.test
    if (!test) return
    if (event.name === 'test_fn_start') {
      attempts.set(test, { controller: new AbortController(), handlers: [], fnStartedAt: now() })
    } else if (event.name === 'test_fn_failure') {
      const attempt = attemptOf(test)
      // jest-circus rejects a timed-out test with a string, not an Error.
      const error = event.error
      const message = typeof error === 'string' ? error : ((error as Error | undefined)?.message ?? '')
      if (/^Exceeded timeout of .* for a test/.test(message)) {
        attempt.timedOutAfterMs = circusTimeout(test)
      }
      // A check still running when its test failed (timed out) stops now, not after the hooks.
      attempt.controller.abort()
    } else if (event.name === 'test_done') {
      for (const error of await endAttempt(test)) test.errors.push(error)
    } else if (event.name === 'test_retry') {
      onRetry(test)
    }
  })
  listening = true
  return true
}

export function testSignal(test: CircusTest): AbortSignal {
  return attemptOf(test).controller.signal
}

/** When the test's function started, on the real clock (only known with events). */
export function testFnStartedAt(test: CircusTest): number | undefined {
  return attempts.get(test)?.fnStartedAt
}

export function onTestEnd(test: CircusTest, handler: (end: TestEnd) => Promise<void>): void {
  attemptOf(test).handlers.push(handler)
}

/** The setup file's `afterEach` without events (Jest 29): ends the checks of the running test. */
export async function endRunningTest(startedAt: (test: CircusTest) => number | undefined): Promise<void> {
  if (listening) return
  const test = circusState()?.currentlyRunningTest
  if (!test) return
  const attempt = attemptOf(test)
  const timeout = circusTimeout(test)
  const start = startedAt(test)
  if (timeout !== undefined && start !== undefined && now() - start >= timeout)
    attempt.timedOutAfterMs = timeout
  const [first] = await endAttempt(test)
  if (first) throw first
}

async function endAttempt(test: CircusTest): Promise<unknown[]> {
  const attempt = attempts.get(test)
  if (!attempt) return []
  attempts.delete(test)
  const errors: unknown[] = []
  const end: TestEnd =
    attempt.timedOutAfterMs === undefined ? {} : { timedOutAfterMs: attempt.timedOutAfterMs }
  for (const handler of attempt.handlers) {
    try {
      await handler(end)
    } catch (error) {
      errors.push(error)
    }
  }
  return errors
}
