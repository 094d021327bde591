// setupFiles: ['@leakproof/vitest/setup'] registers the matchers in every test file.
import { beforeEach, expect } from 'vitest'
import { flagTestOfAssertion } from './flagged-test.js'
import { markTestStart } from './test-starts.js'
import { toLeakMemory } from './to-leak-memory.js'

expect.extend({ toLeakMemory })
flagTestOfAssertion()
beforeEach(markTestStart)
