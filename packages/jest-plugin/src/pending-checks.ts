import { CheckNotAwaitedError } from '@leakproof/core'

/**
 * Async checks started and not yet settled. Jest does not notice a matcher promise nobody awaits,
 * so the setup file's `afterEach` fails the test when one is still pending.
 */
const pending = new Set<Promise<unknown>>()

export function trackPendingCheck<T>(check: Promise<T>): Promise<T> {
  pending.add(check)
  const forget = () => pending.delete(check)
  check.then(forget, forget)
  return check
}

/** Throws (failing the current test) when a check of this test was not awaited. */
export function assertNoPendingCheck(): void {
  if (pending.size === 0) return
  pending.clear()
  throw new CheckNotAwaitedError()
}
