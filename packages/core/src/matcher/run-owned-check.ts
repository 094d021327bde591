import type { LeakOptions } from '../options/resolve-options.js'
import { isLeakCheckTriggered } from './leak-check-trigger.js'
import { OwnedCheck } from './owned-check.js'
import { type LeakCheckOptions, runLeakCheck } from './run-leak-check.js'
import { type LeakMatcherOutcome, type MatcherContextLike, runLeakMatcher } from './run-leak-matcher.js'
import { stoppedResult } from './stopped-result.js'
import type { TestOwner } from './test-owner.js'

/**
 * The `toLeakMemory` matcher run for the test that owns it: the verdict is filed with `owner.record`,
 * and the check ends when the test does (see `OwnedCheck`).
 */
export function runOwnedLeakMatcher(
  context: MatcherContextLike,
  received: unknown,
  options: LeakOptions | undefined,
  owner: TestOwner,
): LeakMatcherOutcome | Promise<LeakMatcherOutcome> {
  // What the runner accepts silently once the test has ended: `.not` passes on `pass: false`.
  const neutral: LeakMatcherOutcome = {
    pass: !context.isNot,
    message: () => '',
    result: stoppedResult('stopped when its test ended', 0, 0),
    check: { expected: context.isNot ? 'clean' : 'leak', passed: false },
  }
  return OwnedCheck.run(
    owner,
    (control) => {
      const outcome = runLeakMatcher(context, received, options, control)
      const record = (settled: LeakMatcherOutcome) => {
        owner.record(settled.result, settled.check)
        return settled
      }
      return outcome instanceof Promise ? outcome.then(record) : record(outcome)
    },
    neutral,
  )
}

/** A `leakCheck` annotation's body run for the test that owns it. */
export function runOwnedLeakCheck(body: () => unknown, options: LeakCheckOptions, owner: TestOwner): unknown {
  // With the trigger off the body is a plain test: nothing to own.
  if (!isLeakCheckTriggered(options.trigger)) return body()
  return OwnedCheck.run(
    owner,
    (control) => runLeakCheck(body, options, (result, check) => owner.record(result, check), control),
    undefined,
  )
}
