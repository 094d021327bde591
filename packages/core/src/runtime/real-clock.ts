import { performance } from 'node:perf_hooks'
import { clearTimeout as nodeClearTimeout, setTimeout as nodeSetTimeout } from 'node:timers'
import { setImmediate as immediate, setTimeout as sleep } from 'node:timers/promises'

// Taken at import from Node's own modules, which neither Vitest's nor Jest's fake timers replace:
// a check keeps real time and real timers when the test fakes them (`vi.useFakeTimers()`).

/** Milliseconds from a monotonic clock. */
export const now: () => number = performance.now.bind(performance)

export const realSetTimeout = nodeSetTimeout
export const realClearTimeout = nodeClearTimeout

/**
 * Lets timers, immediates and I/O callbacks queued by the calls run, so that memory they release is
 * released before the next sample.
 */
export async function settleEventLoop(): Promise<void> {
  await sleep(0)
  await immediate()
}

/** One turn of the event loop's check phase. */
export function nextImmediate(): Promise<void> {
  return immediate()
}

/**
 * Milliseconds since the epoch, like `Date.now()`, from the real clock: what a runner's own real
 * `Date.now` recorded (Jest's test `startedAt`) is compared with.
 */
export function epochNow(): number {
  return performance.timeOrigin + performance.now()
}
