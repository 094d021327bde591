// Listeners, timers, closures, promises and lazy initialisation.
import { EventEmitter } from 'node:events'

/** @type {import('./case.js').Case[]} */
export const cases = [
  {
    name: 'event-listener-never-removed',
    expected: 'leaking',
    trap: 'event listeners',
    make() {
      const bus = new EventEmitter()
      bus.setMaxListeners(0)
      return () => {
        const state = { seen: 0 }
        bus.on('tick', () => state.seen++) /* leak */
      }
    },
  },
  {
    name: 'event-target-listener',
    expected: 'leaking',
    trap: 'event listeners',
    make() {
      const target = new EventTarget()
      return () => {
        const context = { id: Math.random() }
        target.addEventListener('message', () => context.id) /* leak */
      }
    },
  },
  {
    name: 'interval-never-cleared',
    expected: 'leaking',
    trap: 'timers',
    make() {
      return () => {
        const poll = { url: '/status' }
        setInterval(() => poll.url, 60_000).unref() /* leak */
      }
    },
  },
  {
    name: 'long-timeout',
    expected: 'leaking',
    trap: 'timers',
    make() {
      return () => {
        const session = { expires: Date.now() }
        setTimeout(() => session.expires, 3_600_000).unref() /* leak */
      }
    },
  },
  {
    name: 'closure-chain',
    expected: 'leaking',
    trap: 'closures',
    make() {
      let previous = () => 0
      return () => {
        const before = previous
        previous = () => before() + 1 /* leak */
      }
    },
  },
  {
    name: 'handlers-capture-context',
    expected: 'leaking',
    trap: 'closures',
    make() {
      const handlers = []
      return () => {
        const context = new Array(16).fill(0)
        handlers.push(() => context.length) /* leak */
      }
    },
  },
  {
    name: 'reactions-on-never-settling-promise',
    expected: 'leaking',
    trap: 'pending promises',
    make() {
      const ready = new Promise(() => {})
      return () => {
        const request = { body: 'ping' }
        ready.then(() => request.body) /* leak */
      }
    },
  },
  {
    name: 'pending-promises-kept',
    expected: 'leaking',
    trap: 'pending promises',
    make() {
      const waiters = []
      return () => {
        waiters.push(new Promise((resolve) => resolve)) /* leak */
      }
    },
  },
  {
    name: 'error-objects-kept',
    expected: 'leaking',
    trap: 'global collection',
    make() {
      const errors = []
      return () => {
        try {
          JSON.parse('{')
        } catch (error) {
          errors.push(error) /* leak */
        }
      }
    },
  },
  {
    name: 'listener-added-and-removed',
    expected: 'clean',
    trap: 'event listeners',
    make() {
      const bus = new EventEmitter()
      return () => {
        const onTick = () => {}
        bus.on('tick', onTick)
        bus.emit('tick')
        bus.off('tick', onTick)
      }
    },
  },
  {
    name: 'timeout-cleared',
    expected: 'clean',
    trap: 'timers',
    make() {
      return () => {
        const timer = setTimeout(() => {}, 10_000)
        clearTimeout(timer)
      }
    },
  },
  {
    name: 'lazy-singleton-first-call',
    expected: 'clean',
    trap: 'lazy initialisation',
    make() {
      let table
      return () => {
        table ??= Array.from({ length: 5000 }, (_, i) => ({ i }))
        return table[7]
      }
    },
  },
  {
    name: 'lazy-singleton-100th-call',
    expected: 'clean',
    trap: 'lazy initialisation (late)',
    make() {
      let calls = 0
      let index
      return () => {
        if (++calls === 100) index = new Map(Array.from({ length: 2000 }, (_, i) => [i, `v${i}`]))
        return index?.get(1)
      }
    },
  },
  {
    name: 'lazy-init-1500th-call',
    expected: 'clean',
    trap: 'lazy initialisation (late)',
    make() {
      let calls = 0
      let buffer
      return () => {
        if (++calls === 1500) buffer = new Array(10_000).fill('x')
        return buffer?.length
      }
    },
  },
  {
    name: 'closures-discarded',
    expected: 'clean',
    trap: 'closures',
    make() {
      return () => {
        const values = [1, 2, 3].map((x) => () => x * 2)
        return values[2]()
      }
    },
  },
  {
    name: 'trivial-arithmetic',
    expected: 'clean',
    trap: 'baseline',
    make() {
      let total = 0
      return () => {
        total = (total + 1) % 1000
      }
    },
  },
  {
    name: 'temporary-objects',
    expected: 'clean',
    trap: 'garbage only',
    make() {
      return () => {
        const user = { id: 1, name: 'Ada', roles: ['admin', 'dev'] }
        return JSON.parse(JSON.stringify(user)).roles.length
      }
    },
  },
  {
    name: 'regexp-bounded-patterns',
    expected: 'clean',
    trap: 'engine cache (compiled regexps)',
    make() {
      let n = 0
      return () => new RegExp(`^item-${n++ % 64}-\\d+$`).test('item-3-42')
    },
  },
  {
    name: 'regexp-unique-patterns',
    expected: 'clean',
    trap: 'engine cache (compiled regexps)',
    make() {
      let n = 0
      return () => new RegExp(`^user-${n++}$`).test('user-1')
    },
  },
]
