/**
 * What leakproof reads of jest-circus's own state. `require('jest-circus')` would load a second,
 * empty copy; the real state hangs off the test global under a symbol only its description names.
 */

/** A test entry of jest-circus (the fields leakproof reads). */
export interface CircusTest {
  name: string
  parent?: { name: string; parent?: unknown }
  timeout?: number
  /** Real `Date.now()` at the start of the current attempt. */
  startedAt?: number | null
  /** Attempts so far, from 1. */
  invocations: number
  errors: unknown[]
}

interface CircusState {
  testTimeout: number
  currentlyRunningTest: CircusTest | null
}

export function circusState(): CircusState | undefined {
  const symbol = Object.getOwnPropertySymbols(globalThis).find(
    (candidate) => candidate.description === 'JEST_STATE_SYMBOL',
  )
  return symbol ? ((globalThis as Record<symbol, CircusState | undefined>)[symbol] ?? undefined) : undefined
}

/** The timeout jest-circus enforces for this test: its own, else the file's (`jest.setTimeout`, config). */
export function circusTimeout(test: CircusTest): number | undefined {
  return test.timeout || circusState()?.testTimeout || undefined
}

/** The test's full name as Jest reports it: describe blocks and test name, joined by spaces. */
export function circusTestName(test: CircusTest): string {
  const names: string[] = []
  for (let block: CircusTest['parent'] | CircusTest | undefined = test; block; ) {
    names.unshift(block.name)
    block = block.parent as CircusTest['parent']
  }
  names.shift() // the root block
  return names.join(' ')
}
