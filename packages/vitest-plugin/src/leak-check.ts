import { type LeakCheckOptions, runLeakCheck } from '@leakproof/core/adapter'
import type { TestContext } from 'vitest'
import { recordLeak } from './record-leak.js'

export type { LeakCheckOptions } from '@leakproof/core/adapter'

/**
 * Wraps a test body: `test('reconnects', leakCheck(async () => { ... }))`. With the trigger off the
 * body runs once, as a plain test. With it on, the body runs repeatedly under the detector and the
 * test fails on a leak. The body must be safe to repeat: set up and tear down what it uses itself.
 */
export function leakCheck<C extends TestContext>(
  body: (context: C) => unknown,
  options: LeakCheckOptions = {},
): (context: C) => unknown {
  return (context: C) =>
    runLeakCheck(
      () => body(context),
      options,
      (result, check) => recordLeak(context.task, result, check),
      undefined,
      context.task?.name,
    )
}
