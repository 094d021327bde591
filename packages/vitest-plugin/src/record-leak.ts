import type { LeakRecord, LeakResult } from '@leakproof/core'
import { createLeakRecord, formatLeakMessage, type LeakCheckOutcome } from '@leakproof/core/adapter'
import type { RunnerTestCase as Test } from 'vitest'

/** `task.meta.leak` carries a check's record to the reporter, whatever the pool, and through blobs. */
declare module 'vitest' {
  interface TaskMeta {
    leak?: LeakRecord
  }
}

/** Attaches the check's result, and what its test expected of it, to the running test for the reporter. */
export function recordLeak(task: Test | undefined, result: LeakResult, check: LeakCheckOutcome): void {
  if (!task) return
  task.meta.leak = createLeakRecord(
    result,
    {
      id: task.id,
      file: task.file.filepath,
      name: fullName(task),
      line: task.location?.line,
      column: task.location?.column,
    },
    formatLeakMessage(result),
    check,
  )
}

/** The test's name under its describe blocks, as Vitest's reporters print it. */
export function fullName(task: Test): string {
  const names = [task.name]
  for (let suite = task.suite; suite && suite.type === 'suite' && suite.name; suite = suite.suite) {
    names.unshift(suite.name)
  }
  return names.join(' > ')
}
