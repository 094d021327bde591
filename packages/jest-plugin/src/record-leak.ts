import type { LeakResult } from '@leakproof/core'
import { createLeakRecord, formatLeakMessage, type LeakCheckOutcome } from '@leakproof/core/adapter'
import { sendRecord } from './run-folder.js'

/** The test a check ran in, as Jest's matcher context names it. */
export interface JestTestNames {
  testPath?: string
  currentTestName?: string
}

/**
 * Sends the check's record, and what its test expected of it, to the reporter, with the line of the
 * test file that made the check.
 */
export function recordLeak(
  test: JestTestNames,
  result: LeakResult,
  check: LeakCheckOutcome,
  callSite: Error,
): void {
  const file = test.testPath ?? ''
  const name = test.currentTestName ?? '(unknown test)'
  sendRecord(
    createLeakRecord(
      result,
      { id: `${file}#${name}`, file, name, ...lineIn(callSite, file) },
      formatLeakMessage(result),
      check,
    ),
  )
}

/** Jest maps stack traces to the original source, so the first frame in the test file is the line. */
function lineIn(callSite: Error, file: string): { line?: number; column?: number } {
  if (!file) return {}
  for (const frame of (callSite.stack ?? '').split('\n')) {
    const at = frame.lastIndexOf(file)
    if (at === -1) continue
    const match = /^:(\d+):(\d+)/.exec(frame.slice(at + file.length))
    if (match) return { line: Number(match[1]), column: Number(match[2]) }
  }
  return {}
}
