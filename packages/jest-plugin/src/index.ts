import './jest-matchers.js'

export type { LeakOptions, LeakRecord, LeakResult } from '@leakproof/core'
export { configureLeakproof, LeakCheckFailure } from '@leakproof/core'
export type { LeakMatchers } from './jest-matchers.js'
export { type LeakCheckOptions, leakCheck } from './leak-check.js'
// The reporter lives at '@leakproof/jest/reporter' only: importing it here would load
// @jest/reporters into every test worker's heap, and make each forced GC slower.
export type { LeakReporterOptions } from './leak-reporter.js'
export { toLeakMemory } from './to-leak-memory.js'
