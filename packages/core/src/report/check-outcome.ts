import type { LeakRecord } from '../result/leak-record.js'

/**
 * How a record ended, for reports: a leak the test expected (`toLeakMemory()` passing) is not a
 * failure. Records written before `expected`/`passed` existed read as `not.toLeakMemory()` checks.
 */
export type CheckOutcome = 'leaking' | 'expected-leak' | 'clean' | 'inconclusive'

export function checkOutcome(record: LeakRecord): CheckOutcome {
  if (record.status === 'leaking') return isExpectedLeak(record) ? 'expected-leak' : 'leaking'
  return record.status
}

export function isExpectedLeak(record: LeakRecord): boolean {
  return record.status === 'leaking' && record.expected === 'leak' && record.passed !== false
}

/** Whether the check failed its test: then the runner has printed its message already. */
export function checkFailed(record: LeakRecord): boolean {
  return record.passed === undefined ? record.status === 'leaking' : !record.passed
}
