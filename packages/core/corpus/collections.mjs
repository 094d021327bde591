// Real-world leak shapes built on collections, and their bounded (clean) twins.

/** @type {import('./case.js').Case[]} */
export const cases = [
  {
    name: 'global-array-objects',
    expected: 'leaking',
    trap: 'global collection',
    make() {
      const log = []
      return () => log.push({ at: log.length, kind: 'request' }) /* leak */
    },
  },
  {
    name: 'global-array-smi-8-bytes',
    expected: 'leaking',
    trap: 'tiny leak (8 bytes per call)',
    make() {
      const ids = []
      let next = 0
      return () => ids.push(next++) /* leak */
    },
  },
  {
    name: 'global-array-doubles',
    expected: 'leaking',
    trap: 'tiny leak (unboxed doubles)',
    make() {
      const readings = []
      return () => readings.push(Math.random()) /* leak */
    },
  },
  {
    name: 'array-index-writes',
    expected: 'leaking',
    trap: 'tiny leak (index writes)',
    make() {
      const slots = []
      let i = 0
      return () => {
        slots[i] = i & 1 /* leak */
        i++
      }
    },
  },
  {
    name: 'map-keyed-by-fresh-objects',
    expected: 'leaking',
    trap: 'cache keyed by fresh objects',
    make() {
      const cache = new Map()
      return () => {
        const request = { url: '/users', headers: {} }
        cache.set(request, { status: 200 }) /* leak */
      }
    },
  },
  {
    name: 'set-of-strings',
    expected: 'leaking',
    trap: 'global collection',
    make() {
      const seen = new Set()
      let n = 0
      return () => seen.add(`session-${n++}`) /* leak */
    },
  },
  {
    name: 'object-used-as-map',
    expected: 'leaking',
    trap: 'global collection',
    make() {
      const byId = {}
      let n = 0
      return () => {
        byId[`user${n++}`] = true /* leak */
      }
    },
  },
  {
    name: 'every-10th-call',
    expected: 'leaking',
    trap: 'intermittent leak',
    make() {
      const retained = []
      let calls = 0
      return () => {
        if (++calls % 10 === 0) retained.push({ calls }) /* leak */
      }
    },
  },
  {
    name: 'every-7th-call-number',
    expected: 'leaking',
    trap: 'intermittent tiny leak',
    make() {
      const retained = []
      let calls = 0
      return () => {
        if (++calls % 7 === 0) retained.push(calls) /* leak */
      }
    },
  },
  {
    name: 'nested-map-of-arrays',
    expected: 'leaking',
    trap: 'global collection',
    make() {
      const byUser = new Map()
      let n = 0
      return () => {
        const user = `u${n++ % 5}`
        if (!byUser.has(user)) byUser.set(user, [])
        byUser.get(user).push({ n }) /* leak */
      }
    },
  },
  {
    name: 'memoize-unbounded',
    expected: 'leaking',
    trap: 'unbounded cache',
    make() {
      const memo = new Map()
      let n = 0
      const square = (x) => {
        if (!memo.has(x)) memo.set(x, x * x) /* leak */
        return memo.get(x)
      }
      return () => square(n++)
    },
  },
  {
    name: 'instance-registry',
    expected: 'leaking',
    trap: 'static registry',
    make() {
      class Connection {
        static all = []
        constructor() {
          this.open = true
          Connection.all.push(this) /* leak */
        }
      }
      return () => new Connection() /* alloc */
    },
  },
  {
    name: 'string-log-concatenation',
    expected: 'leaking',
    trap: 'growing string',
    make() {
      let log = ''
      return () => {
        log += 'GET /health 200\n' /* leak */
        return log.length
      }
    },
  },
  {
    name: 'bounded-lru-100',
    expected: 'clean',
    trap: 'bounded cache (LRU)',
    make() {
      const lru = new Map()
      let n = 0
      return () => {
        const key = { n: n++ }
        lru.set(key, { value: n })
        if (lru.size > 100) lru.delete(lru.keys().next().value)
      }
    },
  },
  {
    name: 'bounded-lru-2000',
    expected: 'clean',
    trap: 'bounded cache filling during measurement',
    make() {
      const lru = new Map()
      let n = 0
      return () => {
        lru.set(`key-${n++}`, { value: n })
        if (lru.size > 2000) lru.delete(lru.keys().next().value)
      }
    },
  },
  {
    name: 'cache-of-50-keys',
    expected: 'clean',
    trap: 'bounded key space',
    make() {
      const cache = new Map()
      let n = 0
      return () => {
        const key = `tenant-${n++ % 50}`
        if (!cache.has(key)) cache.set(key, { config: key.repeat(4) })
        return cache.get(key)
      }
    },
  },
  {
    name: 'ring-buffer',
    expected: 'clean',
    trap: 'bounded structure overwritten in place',
    make() {
      const ring = new Array(256)
      let i = 0
      return () => {
        ring[i++ % ring.length] = { at: i }
      }
    },
  },
  {
    name: 'sawtooth-flush-at-50',
    expected: 'clean',
    trap: 'sawtooth (grow to N, then clear)',
    make() {
      let batch = []
      return () => {
        batch.push({ event: 'click' })
        if (batch.length === 50) batch = []
      }
    },
  },
  {
    name: 'sawtooth-truncate-at-1000',
    expected: 'clean',
    trap: 'sawtooth (grow to N, then clear)',
    // Its swing (~65 KB) is four times the noise allowance, so most windows look like growth or a
    // drop; about one run in ten spends the call budget before a quiet window comes and answers
    // inconclusive. Measured by the bench, not asserted by the tests.
    limitation: 'a sawtooth much larger than the noise allowance is sometimes inconclusive',
    make() {
      const queue = []
      return () => {
        queue.push({ job: queue.length, payload: 'x'.repeat(16) })
        if (queue.length >= 1000) queue.length = 0
      }
    },
  },
  {
    name: 'sawtooth-period-37-large',
    expected: 'clean',
    trap: 'sawtooth (grow to N, then clear)',
    make() {
      const pending = new Map()
      let n = 0
      return () => {
        pending.set(n++, new Array(64).fill(n))
        if (pending.size === 37) pending.clear()
      }
    },
  },
  {
    name: 'map-set-then-delete',
    expected: 'clean',
    trap: 'churn without growth',
    make() {
      const inflight = new Map()
      let n = 0
      return () => {
        const id = n++
        inflight.set(id, { id })
        inflight.delete(id)
      }
    },
  },
  {
    name: 'weakmap-fresh-keys',
    expected: 'clean',
    trap: 'weak collection',
    make() {
      const meta = new WeakMap()
      return () => {
        const node = { type: 'div' }
        meta.set(node, { width: 10 })
        return meta.get(node).width
      }
    },
  },
]
