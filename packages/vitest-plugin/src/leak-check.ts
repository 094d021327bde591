import {
  detectLeak,
  formatLeakMessage,
  isLeakCheckTriggered,
  type LeakOptions,
  LeakproofError,
} from '@leakproof/core'
import type { TestContext } from 'vitest'
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

/**
 * Wraps a test body: `test('reconnects', leakCheck(async () => { ... }))`. With the trigger off the
 * body runs once, as a plain test. With it on, the body runs repeatedly under the detector and the
 * test fails on a leak. The body must be safe to repeat: set up and tear down what it uses itself.
 */
export function leakCheck<C extends TestContext>(
  body: (context: C) => unknown,
  options: LeakCheckOptions = {},
): (context: C) => unknown {
  const { trigger, ...leakOptions } = options
  return (context: C) => {
    if (!isLeakCheckTriggered(trigger)) return body(context)
    const judge = (result: Awaited<ReturnType<typeof detectLeak>>) => {
      recordLeak(context.task, result)
      if (result.leaked || (result.status === 'inconclusive' && leakOptions.strict)) {
        throw new LeakCheckFailure(formatLeakMessage(result))
      }
    }
    const outcome = detectLeak(() => body(context), leakOptions)
    return outcome instanceof Promise ? outcome.then(judge) : judge(outcome)
  }
}
