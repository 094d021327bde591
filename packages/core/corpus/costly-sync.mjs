// Synchronous CPU work that costs 0.1-10 ms per call, as the functions users check do: JSON, sorting,
// regular expressions over text, string building, compression, hashing. Each leak is one real leak
// shape on top of that work; each clean case is a trap that looks like growth for a while.
// Costs: median ms per call measured by bench/measure-corpus.mjs (Node 20, 2 cores, idle machine);
// bytes: retained growth per call measured there too.
import { deflateSync } from 'node:zlib'
import {
  hashRounds,
  jsonRoundTrip,
  makeAccessLog,
  makeOrders,
  scanLog,
  sortOrders,
  text128k,
  toCsv,
} from './workloads.mjs'

/** @type {import('./case.js').Case[]} */
export const cases = [
  // ---- ~0.1 ms per call ----
  {
    name: 'json-0.1ms-clean',
    cost: '0.1ms',
    expected: 'clean',
    trap: 'costly sync work (garbage only)',
    test: true,
    // Measured: 0.09 ms per call; flat (+-3 B/call over 3 x 3,500 calls).
    make() {
      const text = JSON.stringify(makeOrders(60))
      return () => jsonRoundTrip(text)
    },
  },
  {
    name: 'log-scan-0.1ms-number-per-call',
    cost: '0.1ms',
    expected: 'leaking',
    trap: 'tiny leak (8 bytes per call), costly call',
    // Measured: 0.09 ms per call; retains 8 B per call, plus the array's capacity steps.
    make() {
      const text = makeAccessLog(500)
      const errorCounts = []
      return () => {
        const { errors } = scanLog(text)
        errorCounts.push(errors) /* leak */
      }
    },
  },
  {
    name: 'hash-0.1ms-audit-record',
    cost: '0.1ms',
    expected: 'leaking',
    trap: 'audit log (~60 B per call)',
    test: true,
    // Measured: 0.07 ms per call; retains ~60 B per call (a 3-field object and its slot).
    make() {
      const block = Buffer.alloc(64 * 1024, 'upload')
      const audit = []
      let n = 0
      return () => {
        hashRounds(block, 1)
        audit.push({ seq: n++, action: 'hash', ok: true }) /* leak */
      }
    },
  },
  {
    name: 'csv-0.1ms-lru-1000',
    cost: '0.1ms',
    expected: 'clean',
    trap: 'bounded cache that fills during measurement',
    test: true,
    // Measured: 0.10 ms per call; flat once the 1,000 entries are there.
    make() {
      const orders = makeOrders(800)
      const lru = new Map()
      let n = 0
      return () => {
        const key = `export-${n++}`
        lru.set(key, toCsv(orders).length)
        if (lru.size > 1000) lru.delete(lru.keys().next().value)
      }
    },
  },
  // ---- ~1 ms per call ----
  {
    name: 'json-1ms-clean',
    cost: '1ms',
    expected: 'clean',
    trap: 'costly sync work (garbage only)',
    // Measured: 1.0 ms per call; flat.
    make() {
      const text = JSON.stringify(makeOrders(650))
      return () => jsonRoundTrip(text)
    },
  },
  {
    name: 'json-1ms-cache-fresh-key',
    cost: '1ms',
    expected: 'leaking',
    trap: 'cache keyed by fresh keys (~120 B per call)',
    // Measured: 1.0 ms per call; retains ~100-140 B per call (key string, entry, value object).
    make() {
      const text = JSON.stringify(makeOrders(650))
      const results = new Map()
      let request = 0
      return () => {
        const summary = jsonRoundTrip(text)
        results.set(`req-${request++}`, { length: summary.length, at: request }) /* leak */
      }
    },
  },
  {
    name: 'sort-1ms-16-bytes',
    cost: '1ms',
    expected: 'leaking',
    trap: 'small leak (16 bytes per call), costly call',
    // Measured: 1.1 ms per call; retains 16 B per call (two small integers), plus capacity steps.
    make() {
      const orders = makeOrders(3000)
      const firstAndLast = []
      let n = 0
      return () => {
        const sorted = sortOrders(orders)
        firstAndLast.push(n++, sorted.length) /* leak */
      }
    },
  },
  {
    name: 'log-scan-1ms-every-10th-call',
    cost: '1ms',
    expected: 'leaking',
    trap: 'intermittent leak (every 10th call)',
    // Measured: 1.1 ms per call; retains ~150 B every 10th call (~15-20 B per call).
    make() {
      const text = makeAccessLog(5000)
      const slowScans = []
      let calls = 0
      return () => {
        const stats = scanLog(text)
        if (++calls % 10 === 0) slowScans.push({ calls, stats, note: `scan ${calls} was slow` }) /* leak */
      }
    },
  },
  {
    name: 'deflate-1ms-1kb-per-call',
    cost: '1ms',
    expected: 'leaking',
    trap: 'leak of 1 KB per call (heap)',
    // Measured: 0.8 ms per call; retains ~1.05 KB per call (128 small integers).
    make() {
      const input = text128k()
      const history = []
      return () => {
        const compressed = deflateSync(input, { level: 4 })
        history.push(new Array(128).fill(compressed.length)) /* leak */
      }
    },
  },
  {
    name: 'json-1ms-sawtooth',
    cost: '1ms',
    expected: 'clean',
    trap: 'sawtooth (grow to N, then clear)',
    // Measured: 1.0 ms per call; grows for 50 calls, then drops: flat over each 50 calls.
    make() {
      const text = JSON.stringify(makeOrders(650))
      let batch = []
      return () => {
        batch.push(jsonRoundTrip(text))
        if (batch.length === 50) batch = []
      }
    },
  },
  {
    name: 'hash-1ms-lazy-singleton',
    cost: '1ms',
    expected: 'clean',
    trap: 'lazy initialisation (first call)',
    // Measured: 1.0 ms per call; a 20,000-entry set on the first call, flat after.
    make() {
      const block = Buffer.alloc(64 * 1024, 'upload')
      let knownDigests
      return () => {
        knownDigests ??= new Set(Array.from({ length: 20_000 }, (_, i) => `digest-${i}`))
        return knownDigests.has(hashRounds(block, 24))
      }
    },
  },
  // ---- ~3 ms per call ----
  {
    name: 'log-scan-3ms-clean',
    cost: '3ms',
    expected: 'clean',
    trap: 'costly sync work (garbage only)',
    test: true,
    // Measured: 3 ms per call (2.9-4.2 ms); flat.
    make() {
      const text = makeAccessLog(14_000)
      return () => scanLog(text).errors
    },
  },
  {
    name: 'json-3ms-audit-record',
    cost: '3ms',
    expected: 'leaking',
    trap: 'audit log (~60 B per call)',
    // Measured: 3.3 ms per call; retains ~60 B per call.
    make() {
      const text = JSON.stringify(makeOrders(1800))
      const audit = []
      let n = 0
      return () => {
        jsonRoundTrip(text)
        audit.push({ seq: n++, action: 'import', ok: true }) /* leak */
      }
    },
  },
  {
    name: 'sort-3ms-lru-64',
    cost: '3ms',
    expected: 'clean',
    trap: 'bounded cache that fills during measurement',
    // Measured: 3 ms per call; flat once the 64 views (20 rows each) are there.
    make() {
      const orders = makeOrders(8000)
      const lru = new Map()
      let n = 0
      return () => {
        const sorted = sortOrders(orders)
        lru.set(`view-${n++}`, sorted.slice(0, 20))
        if (lru.size > 64) lru.delete(lru.keys().next().value)
      }
    },
  },
  {
    name: 'deflate-3ms-clean',
    cost: '3ms',
    expected: 'clean',
    trap: 'costly sync work (native memory churn)',
    // Measured: 2.5-4.6 ms per call (level 9); flat heap, native memory churn.
    make() {
      const input = text128k()
      return () => deflateSync(input, { level: 9 }).length
    },
  },
  {
    name: 'hash-3ms-1kb-per-call',
    cost: '3ms',
    expected: 'leaking',
    trap: 'leak of 1 KB per call (heap)',
    // Measured: 3.7 ms per call; retains ~1.08 KB per call.
    make() {
      const block = Buffer.alloc(64 * 1024, 'upload')
      const seen = []
      return () => {
        const digest = hashRounds(block, 72)
        seen.push(Array.from({ length: 128 }, (_, i) => digest.charCodeAt(i % 64))) /* leak */
      }
    },
  },
  // ---- ~10 ms per call ----
  {
    name: 'json-10ms-clean',
    cost: '10ms',
    expected: 'clean',
    trap: 'costly sync work (garbage only)',
    // Measured: 7-9.5 ms per call; flat.
    make() {
      const text = JSON.stringify(makeOrders(3000))
      return () => jsonRoundTrip(text)
    },
  },
  {
    name: 'sort-10ms-cache-fresh-key',
    cost: '10ms',
    expected: 'leaking',
    trap: 'cache keyed by fresh keys (~120 B per call)',
    // Measured: 10.4 ms per call; retains ~120-170 B per call.
    make() {
      const orders = makeOrders(16_000)
      const views = new Map()
      let n = 0
      return () => {
        const sorted = sortOrders(orders)
        views.set(`view-${n++}`, { first: sorted[0].id, at: n }) /* leak */
      }
    },
  },
  {
    name: 'hash-10ms-number-per-call',
    cost: '10ms',
    expected: 'leaking',
    trap: 'tiny leak (8 bytes per call), costly call',
    // Measured: 8.5 ms per call; retains 8 B per call, plus capacity steps.
    make() {
      const block = Buffer.alloc(64 * 1024, 'upload')
      const sizes = []
      return () => {
        const digest = hashRounds(block, 220)
        sizes.push(digest.length) /* leak */
      }
    },
  },
  {
    name: 'json-10ms-lazy-singleton',
    cost: '10ms',
    expected: 'clean',
    trap: 'lazy initialisation (first call)',
    // Measured: 7-12 ms per call; a ~1 MB parsed document on the first call, flat after.
    make() {
      const text = JSON.stringify(makeOrders(3800))
      let schema
      return () => {
        schema ??= JSON.parse(JSON.stringify(makeOrders(2000)))
        return jsonRoundTrip(text).length + schema.length
      }
    },
  },
]
