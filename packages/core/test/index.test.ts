import { expect, test } from 'vitest'
import * as adapter from '../src/adapter.js'
import * as core from '../src/index.js'

// Issue 8: `@leakproof/core` exports what a user calls; what only the adapters need is in
// `@leakproof/core/adapter`. A new export is a decision: add it here on purpose.
test('@leakproof/core exports the user API only', () => {
  expect(Object.keys(core).sort()).toEqual([
    'CheckCancelledError',
    'CheckNotAwaitedError',
    'CheckTimedOutError',
    'ConcurrentCheckError',
    'FunctionThrewError',
    'FunctionTimeoutError',
    'GcUnavailableError',
    'InvalidOptionError',
    'LeakCheckFailure',
    'LeakproofError',
    'NotAFunctionError',
    'configureLeakproof',
    'defaultLeakOptions',
    'detectLeak',
    'leakSchemaVersion',
  ])
})

test('@leakproof/core/adapter exports what the adapters share', () => {
  expect(Object.keys(adapter).sort()).toEqual([
    'LiveProgress',
    'createLeakRecord',
    'epochNow',
    'finishLeakRun',
    'formatLeakMessage',
    'isLeakRecord',
    'now',
    'runLeakCheck',
    'runLeakMatcher',
    'runOwnedLeakCheck',
    'runOwnedLeakMatcher',
    'timeLeftMs',
  ])
})
