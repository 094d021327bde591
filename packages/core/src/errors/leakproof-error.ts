import { formatCount } from '../runtime/format-count.js'
/** Base class of every error leakproof throws, so callers can tell ours from the function's own. */
export class LeakproofError extends Error {
  override name = 'LeakproofError'
}

/** An option has a value leakproof cannot use; the message names the option and what it accepts. */
export class InvalidOptionError extends LeakproofError {
  override name = 'InvalidOptionError'
  constructor(
    readonly option: string,
    readonly received: unknown,
    readonly expected: string,
  ) {
    super(`leakproof: option \`${option}\` must be ${expected}, received ${describe(received)}.`)
  }
}

/** What was passed to `detectLeak` (or `expect`) is not a function. */
export class NotAFunctionError extends LeakproofError {
  override name = 'NotAFunctionError'
  constructor(readonly received: unknown) {
    super(
      `leakproof: expected a function to call repeatedly, received ${describe(received)}. ` +
        'Wrap the code under test in a function: expect(() => code()).not.toLeakMemory().',
    )
  }
}

/** The function under test threw (or its promise rejected); a verdict would be meaningless. */
export class FunctionThrewError extends LeakproofError {
  override name = 'FunctionThrewError'
  constructor(
    readonly iteration: number,
    override readonly cause: unknown,
  ) {
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : describe(cause)
    super(`leakproof: the function under test threw on call ${iteration}: ${reason}`, { cause })
  }
}

/** Neither `--expose-gc` nor V8's flag API is available, so garbage collection cannot be forced. */
export class GcUnavailableError extends LeakproofError {
  override name = 'GcUnavailableError'
  constructor(cause?: unknown) {
    super(
      'leakproof: cannot force garbage collection in this runtime. Run Node.js with --expose-gc ' +
        '(e.g. NODE_OPTIONS=--expose-gc) or use a runtime that provides v8.setFlagsFromString.',
      { cause },
    )
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'bigint') return `${value}n`
  if (value === null || typeof value !== 'object') return String(value)
  if (Array.isArray(value)) return `an array of length ${value.length}`
  const ctor = (value as object).constructor
  return ctor?.name && ctor.name !== 'Object' ? `an instance of ${ctor.name}` : 'an object'
}

/** An async function under test did not settle before the `timeout` option ran out. */
export class FunctionTimeoutError extends LeakproofError {
  override name = 'FunctionTimeoutError'
  constructor(
    readonly iteration: number,
    readonly timeout: number,
  ) {
    super(
      `leakproof: call ${iteration} of the function under test had not settled when the ${timeout} ms ` +
        'budget ran out. Make sure its promise resolves, or raise the `timeout` option.',
    )
  }
}

/** A leak check started while another was running: they would measure each other's memory. */
export class ConcurrentCheckError extends LeakproofError {
  override name = 'ConcurrentCheckError'
  constructor() {
    super(
      'leakproof: a leak check started while another one was still running. Checks measure the whole ' +
        'heap, so they run one at a time: await each async check, and do not start a check inside the ' +
        'function of another check. In test.concurrent, checks of different tests wait for each other: ' +
        'await them there, even when the function is synchronous.',
    )
  }
}

/** `TypeError: boom` for an error, the value itself otherwise: for notes that quote a failure. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
}

/** The test that owned a check ended (timed out, failed) while the check was still running. */
export class CheckCancelledError extends LeakproofError {
  override name = 'CheckCancelledError'
  constructor(
    readonly elapsedMs: number,
    readonly calls: number,
  ) {
    super(
      `leakproof: the leak check was still running when its test ended, after ${Math.round(elapsedMs)} ms: ` +
        `${callsMade(calls)}, no verdict yet. Raise the test timeout, or pass a smaller ` +
        '`timeout` option so the check answers in time.',
    )
  }
}

/** A leak found by a `leakCheck` annotation; its message is the same as the matcher's. */
export class LeakCheckFailure extends LeakproofError {
  override name = 'LeakCheckFailure'
}

/** An async check still running when its test finished: the test would have passed unchecked. */
export class CheckNotAwaitedError extends LeakproofError {
  override name = 'CheckNotAwaitedError'
  constructor(readonly calls = 0) {
    super(
      'leakproof: an async toLeakMemory() check was not awaited: it was stopped when its test ended ' +
        `(${callsMade(calls)}, no verdict). Write ` +
        '`await expect(fn).not.toLeakMemory()` so the test waits for the verdict.',
    )
  }
}

/** The test timed out while its check was still running; the check was stopped there. */
export class CheckTimedOutError extends LeakproofError {
  override name = 'CheckTimedOutError'
  constructor(
    readonly timeoutMs: number,
    readonly calls: number,
  ) {
    super(
      `leakproof: the leak check was still running when the test timed out after ${timeoutMs} ms: ` +
        `${callsMade(calls)}, no verdict yet. Raise the test timeout, or pass a smaller ` +
        '`timeout` option so the check answers in time.',
    )
  }
}

function callsMade(calls: number): string {
  return `${formatCount(calls)} ${calls === 1 ? 'call' : 'calls'} made`
}
