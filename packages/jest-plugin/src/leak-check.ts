import { type LeakCheckOptions, runLeakCheck } from '@leakproof/core/adapter'
import { recordLeak } from './record-leak.js'

export type { LeakCheckOptions } from '@leakproof/core/adapter'

interface ExpectWithState {
  getState(): { testPath?: string; currentTestName?: string }
}

/**
 * Wraps a test body: `test('reconnects', leakCheck(async () => { ... }))`. With the trigger off the
 * body runs once, as a plain test. With it on, the body runs repeatedly under the detector and the
 * test fails on a leak. The body must be safe to repeat: set up and tear down what it uses itself.
 */
export function leakCheck(body: () => unknown, options: LeakCheckOptions = {}): () => void | Promise<void> {
  // No declared parameters: Jest would take one for a `done` callback.
  return () => {
    const state = (globalThis as { expect?: ExpectWithState }).expect?.getState() ?? {}
    const test = { testPath: state.testPath, currentTestName: state.currentTestName }
    const callSite = new Error('leakCheck')
    return runLeakCheck(
      body,
      options,
      (result, check) => recordLeak(test, result, check, callSite),
      undefined,
      test.currentTestName,
    ) as void | Promise<void>
  }
}
