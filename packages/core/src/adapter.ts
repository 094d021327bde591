// '@leakproof/core/adapter': what the Vitest and Jest adapters share. Not a user API: it may change
// in any release.
export type { CheckControl } from './engine/check-control.js'
export { createLeakRecord, isLeakRecord } from './matcher/create-leak-record.js'
export {
  finishLeakRun,
  type LeakReporterOptions,
  type RunOutput,
} from './matcher/finish-leak-run.js'
export type { LeakMatchers } from './matcher/leak-matchers.js'
export { LiveProgress, type LiveProgressOptions } from './matcher/live-progress.js'
export { type LeakCheckOptions, runLeakCheck } from './matcher/run-leak-check.js'
export {
  type LeakMatcherOutcome,
  type MatcherContextLike,
  runLeakMatcher,
} from './matcher/run-leak-matcher.js'
export { runOwnedLeakCheck, runOwnedLeakMatcher } from './matcher/run-owned-check.js'
export { type TestEnd, type TestOwner, timeLeftMs } from './matcher/test-owner.js'
export { formatLeakMessage } from './report/format-leak-message.js'
export type { LeakCheckOutcome, LeakExpectation } from './result/leak-record.js'
export { epochNow, now } from './runtime/real-clock.js'
