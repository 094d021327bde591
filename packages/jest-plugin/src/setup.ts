// setupFilesAfterEnv: ['@leakproof/jest/setup'] registers the matcher in every test file.
import { assertNoPendingCheck } from './pending-checks.js'
import { toLeakMemory } from './to-leak-memory.js'

interface JestGlobals {
  expect: { extend(matchers: Record<string, unknown>): void }
  afterEach(fn: () => void): void
}

const { expect, afterEach } = globalThis as unknown as JestGlobals
expect.extend({ toLeakMemory })
afterEach(assertNoPendingCheck)
