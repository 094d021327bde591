// setupFilesAfterEnv: ['@leakproof/jest/setup'] registers the matcher in every test file.
import { circusTestName } from './circus-state.js'
import { testStartedAt } from './jest-test-owner.js'
import { retractRecord } from './run-folder.js'
import { endRunningTest, listenToTestEvents } from './test-events.js'
import { toLeakMemory } from './to-leak-memory.js'

interface JestGlobals {
  expect: { extend(matchers: Record<string, unknown>): void; getState(): { testPath?: string } }
  afterEach(fn: () => Promise<void>): void
}

const { expect, afterEach } = globalThis as unknown as JestGlobals
expect.extend({ toLeakMemory })
const testPath = expect.getState().testPath ?? ''
// A retried test files the record of its last attempt only.
const listening = listenToTestEvents((test) => retractRecord(`${testPath}#${circusTestName(test)}`))
// Without events (Jest 29), checks of serial tests end in this hook; it runs after a timeout too.
if (!listening) afterEach(() => endRunningTest(testStartedAt))
