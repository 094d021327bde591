export { type DetectLeakReturn, detectLeak } from './detect-leak.js'
export type { FrameOwner } from './diagnosis/classify-frame.js'
export type { RetainerPath } from './diagnosis/find-retainers.js'
export type { LeakSite, TraceFrame } from './diagnosis/leak-site.js'
export {
  ConcurrentCheckError,
  FunctionThrewError,
  FunctionTimeoutError,
  GcUnavailableError,
  InvalidOptionError,
  LeakproofError,
  NotAFunctionError,
} from './errors.js'
export { type GarbageCollector, getGarbageCollector } from './force-gc.js'
export { formatBytes } from './format-bytes.js'
export { formatLeakMessage, type MessageColors, plainColors } from './format-leak-message.js'
export { formatLeakSites, formatLocation, formatRetainers } from './format-leak-sites.js'
export { defaultLeakTrigger, isLeakCheckTriggered } from './leak-check-trigger.js'
export {
  type LeakMatcherOutcome,
  type MatcherContextLike,
  matcherColors,
  runLeakMatcher,
} from './leak-matcher.js'
export {
  createLeakRecord,
  isLeakRecord,
  type LeakRecord,
  type LeakTestIdentity,
  leakSchemaVersion,
} from './leak-record.js'
export type {
  CleanResult,
  InconclusiveResult,
  LeakingResult,
  LeakResult,
  LeakSample,
  LeakStatus,
} from './leak-result.js'
export {
  buildRunReport,
  formatGithubAnnotations,
  formatRunReport,
  type LeakRunReport,
  writeRunReport,
} from './leak-run-report.js'
export {
  defaultLeakOptions,
  type LeakOptions,
  type ResolvedLeakOptions,
  resolveOptions,
} from './resolve-options.js'
export { sparkline } from './sparkline.js'
