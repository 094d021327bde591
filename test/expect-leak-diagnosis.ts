import { expect } from 'vitest'

/**
 * What both runners must print for the basic fixture's leaks (session-store.ts): the original
 * TypeScript line that stores the leak, its traceback, the allocating function and who keeps the
 * sessions alive. The same checks for Vitest and Jest, since core formats both messages.
 */
export function expectSessionStoreDiagnosis(
  failures: Record<string, string>,
  { heapMayBeTooLarge = false }: { heapMayBeTooLarge?: boolean } = {},
): void {
  for (const name of ['sync leak fails', 'async leak fails']) {
    const message = failures[name]
    expect(message).toMatch(
      /stored at session-store\.ts:13:12 in openSessionLeaky {2}\(Map\.prototype\.set into Map/,
    )
    expect(message).toContain('> 13 | sessions.set(session.id, session)')
    expect(message).toMatch(/traceback \(innermost first\):\n\s+openSessionLeaky session-store\.ts:13:12/)
  }
  expect(failures['sync leak fails']).toMatch(/allocated in session-store\.ts:11:\d+ in openSessionLeaky/)
  expect(failures['async leak fails']).toMatch(
    /allocated in session-store\.ts:(11:\d+ in openSessionLeaky|24:\d+ in fetchSessionLeaky)/,
  )
  // Who keeps it alive: a path from a GC root through the module's Map to the leaked sessions. A Jest
  // worker's heap (30 MB before the leak) can pass retainersMaxHeap; then the message says so.
  const keptAlive = /kept alive by .*Map → Object \{ id, user, payload \}/
  const skipped = /retainer paths skipped: the heap holds \d+ MB, more than retainersMaxHeap/
  if (heapMayBeTooLarge && skipped.test(failures['sync leak fails'] ?? '')) return
  expect(failures['sync leak fails']).toMatch(keptAlive)
}

/** The verdicts the basic fixture's clean and leaking test files must end with, in either runner. */
export const basicFixtureStatuses = {
  'sync clean check passes': 'passed',
  'async clean check passes': 'passed',
  'sync leak fails': 'failed',
  'async leak fails': 'failed',
  'positive form passes on a known leak': 'passed',
}
