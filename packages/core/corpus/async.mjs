// Async functions: awaited one at a time, with memory that is freed only after the event loop turns.
import { setImmediate as immediate } from 'node:timers/promises'

/** @type {import('./case.js').Case[]} */
export const cases = [
  {
    name: 'async-push-after-await',
    expected: 'leaking',
    trap: 'async global collection',
    make() {
      const history = []
      return async () => {
        await null
        history.push({ at: history.length }) /* leak */
      }
    },
  },
  {
    name: 'async-every-10th-call',
    expected: 'leaking',
    trap: 'async intermittent leak',
    make() {
      const retained = []
      let calls = 0
      return async () => {
        await Promise.resolve()
        if (++calls % 10 === 0) retained.push({ calls }) /* leak */
      }
    },
  },
  {
    name: 'async-buffers-kept',
    expected: 'leaking',
    trap: 'async external memory',
    make() {
      const cache = new Map()
      let n = 0
      return async () => {
        await immediate()
        cache.set(`k${n++}`, Buffer.alloc(2048)) /* leak */
      }
    },
  },
  {
    name: 'async-listener-leak',
    expected: 'leaking',
    trap: 'async event listeners',
    make() {
      const signal = new AbortController().signal
      return async () => {
        const request = { id: Math.random() }
        signal.addEventListener('abort', () => request.id) /* leak */
        await null
      }
    },
  },
  {
    name: 'async-clean',
    expected: 'clean',
    trap: 'baseline (async)',
    make() {
      return async () => {
        await null
        return { ok: true }
      }
    },
  },
  {
    name: 'async-freed-by-timer',
    expected: 'clean',
    trap: 'memory freed after the event loop turns',
    make() {
      return async () => {
        const payload = new Array(256).fill(0)
        setTimeout(() => payload.length, 0)
      }
    },
  },
  {
    name: 'async-freed-by-immediate',
    expected: 'clean',
    trap: 'memory freed after the event loop turns',
    make() {
      const queue = []
      return async () => {
        queue.push({ job: 1 })
        setImmediate(() => queue.shift())
      }
    },
  },
  {
    name: 'async-abort-signal-timeout',
    expected: 'clean',
    trap: 'engine cache (AbortSignal cleanup)',
    // Each signal sits in a WeakMap until a full GC, so the table's capacity follows how many calls
    // come between full GCs: it grows with the windows' length. Windows of equal length stop the
    // growth, so the engine answers inconclusive (never leaking); it cannot yet tell it clean.
    // Measured by the bench, not asserted by the tests.
    limitation: 'growth that follows the window length is answered inconclusive, not clean',
    make() {
      return async () => {
        const signal = AbortSignal.timeout(1)
        await null
        return signal.aborted
      }
    },
  },
  {
    name: 'async-finalization-registry',
    expected: 'clean',
    trap: 'memory freed after the event loop turns',
    make() {
      let collected = 0
      const registry = new FinalizationRegistry(() => collected++)
      return async () => {
        registry.register({ resource: 1 }, 'token')
        await null
      }
    },
  },
  {
    name: 'async-lru-500',
    expected: 'clean',
    trap: 'async bounded cache',
    make() {
      const lru = new Map()
      let n = 0
      return async () => {
        await null
        lru.set(`k${n++}`, { v: n })
        if (lru.size > 500) lru.delete(lru.keys().next().value)
      }
    },
  },
]
