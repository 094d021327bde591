import type { CheckControl } from '../engine/check-control.js'
import { runCheck } from '../engine/detect-leak.js'
import { NotAFunctionError } from '../errors/leakproof-error.js'
import { resolveOptions } from '../options/resolve-options.js'
import { formatLeakMessage } from '../report/format-leak-message.js'
import type { MessageColors } from '../report/message-colors.js'
import type { LeakCheckOutcome } from '../result/leak-record.js'
import type { LeakResult } from '../result/leak-result.js'
import {
  type LeakMatcherOptions,
  splitHeapSnapshotOption,
  writeLeakSnapshot,
} from './heap-snapshot-option.js'
import { withProjectOptions } from './project-options.js'

type Paint = (text: string) => string

/** What both runners' matcher contexts provide (`this` inside `expect.extend` matchers). */
export interface MatcherContextLike {
  isNot: boolean
  /** Both runners name the running test here (Jest's and Vitest's matcher state). */
  currentTestName?: string
  promise?: string
  utils: {
    matcherHint(name: string, received?: string, expected?: string, options?: object): string
    RECEIVED_COLOR: Paint
    EXPECTED_COLOR: Paint
    DIM_COLOR: Paint
    BOLD_WEIGHT: Paint
  }
}

/** What a `toLeakMemory` matcher returns to its runner, plus the result for the adapter to record. */
export interface LeakMatcherOutcome {
  pass: boolean
  message: () => string
  result: LeakResult
  /** What the test asserted and whether the check passed, for the record. */
  check: LeakCheckOutcome
}

/**
 * The `toLeakMemory` matcher, shared by the Vitest and Jest adapters: synchronous for a synchronous
 * function, a promise for an async one. `pass` means "leaks", so `.not.toLeakMemory()` fails on a
 * leak; with `strict`, an inconclusive verdict fails either form.
 */
export function runLeakMatcher(
  context: MatcherContextLike,
  received: unknown,
  options?: LeakMatcherOptions,
  control?: CheckControl,
): LeakMatcherOutcome | Promise<LeakMatcherOutcome> {
  if (typeof received !== 'function') throw new NotAFunctionError(received)
  // The call's own options first, so that an error names what the call passed.
  resolveOptions(splitHeapSnapshotOption(options).detectorOptions)
  const { heapSnapshot, detectorOptions } = splitHeapSnapshotOption(withProjectOptions(options))
  const { strict } = resolveOptions(detectorOptions)
  const outcome = runCheck(received as () => unknown, detectorOptions, control)
  const toOutcome = (result: LeakResult): LeakMatcherOutcome => {
    const pass = result.status === 'inconclusive' && strict ? context.isNot : result.leaked
    // The runner fails the test when `pass` equals `isNot`: `.not` expects no leak.
    const check: LeakCheckOutcome = {
      expected: context.isNot ? 'clean' : 'leak',
      passed: pass !== context.isNot,
    }
    const snapshot = result.leaked && heapSnapshot === 'on-leak' && writeLeakSnapshot(context.currentTestName)
    if (snapshot) check.heapSnapshot = snapshot
    return { pass, result, check, message: () => formatMatcherMessage(context, result) }
  }
  return outcome instanceof Promise ? outcome.then(toOutcome) : toOutcome(outcome as LeakResult)
}

export function matcherColors(context: MatcherContextLike): MessageColors {
  const { utils } = context
  return {
    received: utils.RECEIVED_COLOR,
    expected: utils.EXPECTED_COLOR,
    dim: utils.DIM_COLOR,
    bold: utils.BOLD_WEIGHT,
  }
}

function formatMatcherMessage(context: MatcherContextLike, result: LeakResult): string {
  const hint = context.utils.matcherHint('toLeakMemory', 'fn', '', {
    isNot: context.isNot,
    promise: context.promise,
  })
  return `${hint}\n\n${formatLeakMessage(result, matcherColors(context))}`
}
