import { type LeakCheckOptions, runOwnedLeakCheck } from '@leakproof/core/adapter'
import type { RunnerTestCase, TestContext } from 'vitest'
import { vitestTestOwner } from './vitest-test-owner.js'

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
    runOwnedLeakCheck(() => body(context), options, vitestTestOwner(context.task as RunnerTestCase))
}
