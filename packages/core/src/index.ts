// The user API of @leakproof/core. What only the runner adapters need is in '@leakproof/core/adapter'.
export { type DetectLeakReturn, detectLeak } from './engine/detect-leak.js'
export {
  CheckCancelledError,
  CheckNotAwaitedError,
  CheckTimedOutError,
  ConcurrentCheckError,
  FunctionThrewError,
  FunctionTimeoutError,
  GcUnavailableError,
  InvalidOptionError,
  LeakCheckFailure,
  LeakproofError,
  NotAFunctionError,
} from './errors/leakproof-error.js'
export { configureLeakproof } from './matcher/project-options.js'
export type { LeakCheckOptions } from './matcher/run-leak-check.js'
export { defaultLeakOptions, type LeakOptions } from './options/resolve-options.js'
export {
  type LeakCheckOutcome,
  type LeakExpectation,
  type LeakRecord,
  type LeakTestIdentity,
  leakSchemaVersion,
} from './result/leak-record.js'
export type {
  CleanResult,
  InconclusiveResult,
  LeakingResult,
  LeakResult,
  LeakSample,
  LeakStatus,
} from './result/leak-result.js'
export type { LeakRunReport, LeakRunSummary } from './result/leak-run-report.js'
export type { FrameOwner, LeakSite, TraceFrame } from './result/leak-site.js'
export type { RetainerPath } from './result/retainer-path.js'
