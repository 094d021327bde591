import './leak-matchers.js'

export type { LeakOptions, LeakRecord, LeakResult } from '@leakproof/core'
export { configureLeakproof, LeakCheckFailure } from '@leakproof/core'
export { type LeakCheckOptions, leakCheck } from './leak-check.js'
export type { LeakMatchers } from './leak-matchers.js'
export { LeakReporter, type LeakReporterOptions } from './leak-reporter.js'
export { toLeakMemory } from './to-leak-memory.js'
