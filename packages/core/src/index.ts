export { type DetectLeakReturn, detectLeak } from './detect-leak.js'
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
export type {
  CleanResult,
  InconclusiveResult,
  LeakingResult,
  LeakResult,
  LeakSample,
  LeakStatus,
} from './leak-result.js'
export {
  defaultLeakOptions,
  type LeakOptions,
  type ResolvedLeakOptions,
  resolveOptions,
} from './resolve-options.js'
