// setupFiles: ['@leakproof/vitest/setup'] registers the matchers in every test file.
import { expect } from 'vitest'
import { toLeakMemory } from './to-leak-memory.js'

expect.extend({ toLeakMemory })
