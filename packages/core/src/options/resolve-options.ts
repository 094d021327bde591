import { InvalidOptionError } from '../errors/leakproof-error.js'

/** Options of `detectLeak` and of the `toLeakMemory` matchers. Every field is optional. */
export interface LeakOptions {
  /**
   * Most calls of the function before the detector must answer.
   * @default 16_000_000
   */
  iterations?: number
  /**
   * Calls made before the first measurement, so that lazy initialisation and JIT warm-up are not
   * counted. The detector keeps measuring past one-off growth, so this rarely needs changing.
   * @default 10
   */
  warmup?: number
  /**
   * Retained growth tolerated, in bytes per call (heap plus external memory).
   * @default 0
   */
  threshold?: number
  /**
   * Time budget of the whole check (verdict and diagnosis) in milliseconds. When it runs out the
   * verdict is `inconclusive` unless the measurements already decide; an async call still in
   * flight may finish until then, and one that never settles is abandoned.
   * @default the time left before the test's own timeout, less a margin (10_000 outside a test)
   */
  timeout?: number
  /**
   * Treat an `inconclusive` verdict as a failure in the matchers.
   * @default false
   */
  strict?: boolean
  /**
   * Untrimmed tracebacks: keep the frames of the test runner and of leakproof itself, which are
   * normally cut off where leakproof calls the function.
   * @default false
   */
  debug?: boolean
  /**
   * After a leak verdict, run a diagnosis pass that names the lines storing the leaked values.
   * @default true
   */
  sites?: boolean
  /**
   * Include the call stack (traceback) of each leaking line.
   * @default true
   */
  traceback?: boolean
  /**
   * After a leak verdict, find who keeps the leaked objects alive, from two heap snapshots.
   * @default true
   */
  retainers?: boolean
  /**
   * Largest heap (bytes) to take snapshots of: they take about a second per 10-20 MB.
   * @default 64 * 1024 * 1024
   */
  retainersMaxHeap?: number
  /**
   * Most memory (bytes, heap plus external) the function may retain during a check. A leaking
   * function is not called further once it has retained this much, so the heap stays small for
   * later checks in the same worker; the verdict is the one the calls so far support.
   * @default 32 * 1024 * 1024
   */
  maxRetainedBytes?: number
  /**
   * Path prefixes of "your code": only frames in them are named as leaking lines.
   * @default [process.cwd()]
   */
  include?: string[]
  /**
   * Path fragments that are never your code, even under `include`.
   * @default ['/node_modules/']
   */
  exclude?: string[]
}

/** Options with every default applied. */
export type ResolvedLeakOptions = Required<LeakOptions>

export const defaultLeakOptions: Readonly<ResolvedLeakOptions> = {
  iterations: 16_000_000,
  warmup: 10,
  threshold: 0,
  timeout: 10_000,
  strict: false,
  debug: false,
  sites: true,
  traceback: true,
  retainers: true,
  retainersMaxHeap: 64 * 1024 * 1024,
  maxRetainedBytes: 32 * 1024 * 1024,
  // Resolved per call: the working directory when the check runs.
  include: [],
  exclude: ['/node_modules/'],
}

/** The largest delay Node's timers accept. */
const maxTimerDelay = 2 ** 31 - 1

const knownOptions = new Set(Object.keys(defaultLeakOptions))

/** Validates user options and applies defaults; the one place where defaults live. */
export function resolveOptions(options: LeakOptions | undefined = {}): ResolvedLeakOptions {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new InvalidOptionError('options', options, 'an object such as { timeout: 2000 }')
  }
  for (const key of Object.keys(options)) {
    if (!knownOptions.has(key)) {
      throw new InvalidOptionError(key, (options as Record<string, unknown>)[key], `one of ${listKnown()}`)
    }
  }
  const resolved = { ...defaultLeakOptions }
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue
    ;(resolved as Record<string, unknown>)[key] = value
  }
  integer('iterations', resolved.iterations, 1)
  integer('warmup', resolved.warmup, 0)
  if (resolved.warmup >= resolved.iterations) {
    throw new InvalidOptionError('warmup', resolved.warmup, `less than iterations (${resolved.iterations})`)
  }
  nonNegative('threshold', resolved.threshold)
  // Node clamps longer timer delays to 1 ms: such a budget would end at once.
  if (!(typeof resolved.timeout === 'number' && resolved.timeout > 0 && resolved.timeout <= maxTimerDelay)) {
    throw new InvalidOptionError(
      'timeout',
      resolved.timeout,
      `a number of milliseconds from 1 to ${maxTimerDelay}`,
    )
  }
  boolean('strict', resolved.strict)
  boolean('debug', resolved.debug)
  boolean('sites', resolved.sites)
  boolean('traceback', resolved.traceback)
  boolean('retainers', resolved.retainers)
  nonNegative('retainersMaxHeap', resolved.retainersMaxHeap)
  nonNegative('maxRetainedBytes', resolved.maxRetainedBytes)
  paths('include', resolved.include)
  paths('exclude', resolved.exclude)
  if (resolved.include.length === 0) resolved.include = [process.cwd()]
  return resolved
}

function integer(name: string, value: unknown, min: number): void {
  if (!(Number.isSafeInteger(value) && (value as number) >= min)) {
    throw new InvalidOptionError(name, value, `an integer >= ${min}`)
  }
}

function nonNegative(name: string, value: unknown): void {
  if (!(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
    throw new InvalidOptionError(name, value, 'a finite number of bytes >= 0')
  }
}

function paths(name: string, value: unknown): void {
  if (!(Array.isArray(value) && value.every((entry) => typeof entry === 'string' && entry !== ''))) {
    throw new InvalidOptionError(name, value, 'an array of non-empty path strings')
  }
}

function boolean(name: string, value: unknown): void {
  if (typeof value !== 'boolean') throw new InvalidOptionError(name, value, 'true or false')
}

function listKnown(): string {
  return [...knownOptions].map((name) => `\`${name}\``).join(', ')
}
