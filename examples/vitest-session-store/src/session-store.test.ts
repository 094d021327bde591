import { leakCheck } from '@leakproof/vitest'
import { describe, expect, test } from 'vitest'
import { FixedSessionStore, SessionStore } from './session-store'

describe('SessionStore', () => {
  test('open + close does not leak', () => {
    const store = new SessionStore()
    expect(() => store.close(store.open('ada').id)).not.toLeakMemory()
  })

  test('touch keeps every access forever (known leak, kept as a regression test)', () => {
    const store = new SessionStore()
    const { id } = store.open('ada')
    expect(() => store.touch(id)).toLeakMemory()
  })

  test('the fixed store trims its activity feed', () => {
    const store = new FixedSessionStore()
    const { id } = store.open('ada')
    expect(() => store.touch(id)).not.toLeakMemory()
  })

  test('async handlers are awaited one call at a time', async () => {
    const store = new FixedSessionStore()
    await expect(async () => {
      const session = store.open('grace')
      await Promise.resolve()
      store.touch(session.id)
      store.close(session.id)
    }).not.toLeakMemory()
  })

  // Runs once in `npm test`; under the detector with LEAKPROOF=1 (`npm run test:leaks`).
  test(
    'a request cycle on the fixed store',
    leakCheck(() => {
      const store = new FixedSessionStore()
      const session = store.open('linus')
      store.touch(session.id)
      store.close(session.id)
    }),
  )
})
