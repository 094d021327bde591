import { expect } from 'vitest'

/**
 * What both runners must print for the basic fixture's leaks (session-store.ts): the original
 * TypeScript line that stores the leak, its traceback, the allocating function and who keeps the
 * sessions alive. The same checks for Vitest and Jest, since core formats both messages.
 */
export function expectSessionStoreDiagnosis(failures: Record<string, string>): void {
  for (const name of ['sync leak fails', 'async leak fails']) {
    const message = failures[name]
    expect(message).toMatch(
      /stored at session-store\.ts:13:12 in openSessionLeaky {2}\(Map\.prototype\.set into Map/,
    )
    expect(message).toContain('> 13 | sessions.set(session.id, session)')
    expect(message).toMatch(/traceback \(innermost first\):\n\s+openSessionLeaky session-store\.ts:13:12/)
  }
  // The line in the allocating function that makes the session, not the function's header.
  expect(failures['sync leak fails']).toMatch(/allocated in session-store\.ts:12:3 in openSessionLeaky/)
  expect(failures['sync leak fails']).toContain(
    '> 12 | const session = { id: nextId++, user, payload: [1, 2, 3] }',
  )
  expect(failures['async leak fails']).toMatch(
    /allocated in session-store\.ts:(12:3 in openSessionLeaky|26:3 in fetchSessionLeaky)/,
  )
  // Who keeps it alive: the module variable that holds the sessions (found by a walk from the
  // function, so the heap's size does not matter), then a session, printed as the runners print values.
  const keptAlive =
    /kept alive by sessions: Map \([\d,]+ entries\) in module session-store\.ts → \{"id": \d+, "user": "\w+", "payload": \[1, 2, 3\]\}/
  for (const name of ['sync leak fails', 'async leak fails']) expect(failures[name]).toMatch(keptAlive)
}

/** The verdicts the basic fixture's clean and leaking test files must end with, in either runner. */
export const basicFixtureStatuses = {
  'sync clean check passes': 'passed',
  'async clean check passes': 'passed',
  'sync leak fails': 'failed',
  'async leak fails': 'failed',
  'positive form passes on a known leak': 'passed',
}
