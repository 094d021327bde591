import type { CheckControl } from '../engine/check-control.js'
import { runCheck } from '../engine/detect-leak.js'
import { LeakCheckFailure } from '../errors/leakproof-error.js'
import { formatLeakMessage } from '../report/format-leak-message.js'
import type { LeakCheckOutcome } from '../result/leak-record.js'
import type { LeakResult } from '../result/leak-result.js'
import {
  type LeakMatcherOptions,
  splitHeapSnapshotOption,
  writeLeakSnapshot,
} from './heap-snapshot-option.js'
import { isLeakCheckTriggered } from './leak-check-trigger.js'
import { withProjectOptions } from './project-options.js'

export interface LeakCheckOptions extends LeakMatcherOptions {
  /**
   * Environment variable that turns the check on; when unset (or `0`/`false`) the body runs once.
   * @default 'LEAKPROOF'
   */
  trigger?: string
}

/**
 * The rule of a `leakCheck` annotation, for both runners: with the trigger off the body runs once,
 * as a plain test; with it on, the body runs under the detector, `record` receives the verdict, and
 * a leak (or, with `strict`, an inconclusive verdict) throws a `LeakCheckFailure`.
 */
export function runLeakCheck(
  body: () => unknown,
  options: LeakCheckOptions,
  record: (result: LeakResult, check: LeakCheckOutcome) => void,
  control?: CheckControl,
  /** Names the heap snapshot written on a leak (option `heapSnapshot`). */
  testName?: string,
): unknown {
  const { trigger, ...callOptions } = options
  if (!isLeakCheckTriggered(trigger)) return body()
  const { heapSnapshot, detectorOptions = {} } = splitHeapSnapshotOption(withProjectOptions(callOptions))
  const leakOptions = detectorOptions
  const judge = (result: LeakResult): void => {
    const failed = result.leaked || (result.status === 'inconclusive' && Boolean(leakOptions.strict))
    const snapshot = result.leaked && heapSnapshot === 'on-leak' && writeLeakSnapshot(testName)
    record(result, { expected: 'clean', passed: !failed, ...(snapshot ? { heapSnapshot: snapshot } : {}) })
    if (failed) {
      throw new LeakCheckFailure(formatLeakMessage(result))
    }
  }
  const outcome = runCheck(body, leakOptions, control)
  return outcome instanceof Promise ? outcome.then(judge) : judge(outcome as LeakResult)
}
