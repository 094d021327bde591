import { chai, type RunnerTestCase as Test } from 'vitest'

let flagged: Test | undefined

/**
 * The test of the `expect()` whose `toLeakMemory` is being called. Vitest 3.2's matcher context has
 * no `this.task`; every Vitest version tags the assertion with its test (chai's `vitest-test` flag),
 * and only chai's own method wrapper can see the assertion, so a wrapper puts the test here for the
 * synchronous start of the matcher, which reads it at once.
 */
export function flaggedTest(): Test | undefined {
  return flagged
}

/** Wraps the registered `toLeakMemory` so that {@link flaggedTest} names its test while it runs. */
export function flagTestOfAssertion(): void {
  chai.use((api, utils) => {
    utils.overwriteMethod(
      api.Assertion.prototype,
      'toLeakMemory',
      (original: (...args: unknown[]) => unknown) => {
        return function (this: object, ...args: unknown[]) {
          const previous = flagged
          flagged = utils.flag(this, 'vitest-test') as Test | undefined
          try {
            return original.apply(this, args)
          } finally {
            flagged = previous
          }
        }
      },
    )
  })
}
