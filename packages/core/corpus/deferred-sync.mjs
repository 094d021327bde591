// Synchronous functions whose garbage is released only after the event loop turns: a 0 ms timer that
// holds a payload, a WeakRef per call (V8 keeps every WeakRef target of the current job alive until
// the job ends), a FinalizationRegistry cell per call (removed when the cleanup task runs). All are
// clean in real use: the memory goes as soon as the event loop turns. A detector that never leaves
// the synchronous job sees them grow call after call.
import { jsonRoundTrip, makeOrders } from './workloads.mjs'

/** @type {import('./case.js').Case[]} */
export const cases = [
  {
    name: 'sync-timeout-0-holds-payload',
    expected: 'clean',
    trap: 'deferred release (sync)',
    limitation: 'a sync check never lets the event loop turn, so the 0 ms timers pile up',
    // Measured: Microseconds per call; ~800 B per call pile up until timers run, flat when they do.
    make() {
      return () => {
        const payload = new Array(64).fill(0)
        setTimeout(() => payload.length, 0)
      }
    },
  },
  {
    name: 'sync-weakref-per-call',
    expected: 'clean',
    trap: 'deferred release (sync)',
    limitation: 'WeakRef targets stay alive until the synchronous job ends',
    // Measured: Microseconds per call; ~50 B per call kept until the job ends, flat when the loop turns.
    make() {
      let n = 0
      return () => new WeakRef({ id: n++ }).deref()?.id
    },
  },
  {
    name: 'sync-finalization-registry-per-call',
    expected: 'clean',
    trap: 'deferred release (sync)',
    limitation: 'FinalizationRegistry cells go only when the cleanup task runs',
    // Measured: Microseconds per call; ~70 B per call kept until cleanup runs, flat when it does.
    make() {
      let released = 0
      const registry = new FinalizationRegistry(() => released++)
      return () => {
        const connection = { socket: 1 }
        registry.register(connection, 'connection')
        return connection.socket
      }
    },
  },
  {
    name: 'json-1ms-weakref-cache',
    cost: '1ms',
    expected: 'clean',
    trap: 'deferred release (sync)',
    limitation: 'WeakRef targets stay alive until the synchronous job ends',
    // Keeps only a WeakRef to the latest summary (~1 KB, for a debug view), which must not keep
    // summaries alive. Measured: ~0.8 ms per call; flat when the event loop turns.
    make() {
      const text = JSON.stringify(makeOrders(500))
      let latest
      return () => {
        const summary = JSON.parse(jsonRoundTrip(text))
        latest = new WeakRef(summary)
        return summary.count + (latest.deref()?.count ?? 0)
      }
    },
  },
]
