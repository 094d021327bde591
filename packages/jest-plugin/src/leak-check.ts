import {
  detectLeak,
  formatLeakMessage,
  isLeakCheckTriggered,
  type LeakOptions,
  LeakproofError,
  type LeakResult,
} from '@leakproof/core'
import { recordLeak } from './record-leak.js'

export interface LeakCheckOptions extends LeakOptions {
  /**
   * Environment variable that turns the check on; when unset (or `0`/`false`) the body runs once.
   * @default 'LEAKPROOF'
   */
  trigger?: string
}

/** A leak found by a `leakCheck` annotation; its message is the same as the matcher's. */
export class LeakCheckFailure extends LeakproofError {
  override name = 'LeakCheckFailure'
}

interface ExpectWithState {
  getState(): { testPath?: string; currentTestName?: string }
}

/**
 * Wraps a test body: `test('reconnects', leakCheck(async () => { ... }))`. With the trigger off the
 * body runs once, as a plain test. With it on, the body runs repeatedly under the detector and the
 * test fails on a leak. The body must be safe to repeat: set up and tear down what it uses itself.
 */
export function leakCheck(body: () => unknown, options: LeakCheckOptions = {}): () => void | Promise<void> {
  const { trigger, ...leakOptions } = options
  // No declared parameters: Jest would take one for a `done` callback.
  return () => {
    if (!isLeakCheckTriggered(trigger)) return body() as void | Promise<void>
    const state = (globalThis as { expect?: ExpectWithState }).expect?.getState() ?? {}
    const test = { testPath: state.testPath, currentTestName: state.currentTestName }
    const callSite = new Error('leakCheck')
    const judge = (result: LeakResult) => {
      recordLeak(test, result, callSite)
      if (result.leaked || (result.status === 'inconclusive' && leakOptions.strict)) {
        throw new LeakCheckFailure(formatLeakMessage(result))
      }
    }
    const outcome = detectLeak(body, leakOptions)
    return outcome instanceof Promise ? outcome.then(judge) : judge(outcome as LeakResult)
  }
}
