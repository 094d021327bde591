import { existsSync, readFileSync } from 'node:fs'
import type { LeakRecord, LeakRunReport } from '@leakproof/core'

/** One test in the JSON results both runners write (Vitest's `json` reporter, `jest --json`). */
interface AssertionResult {
  title: string
  status: string
  failureMessages: string[]
}

interface JsonResults {
  testResults: { name: string; message?: string; assertionResults: AssertionResult[] }[]
}

/** A runner's results by test title: its status, and its failure messages joined. */
export interface TestResults {
  statuses: Record<string, string>
  failures: Record<string, string>
  /** Messages of test files that failed as a whole (a crashed worker, a syntax error). */
  fileMessages: string[]
}

/** Reads the JSON results file of a Vitest or Jest run; the two share this shape. */
export function readTestResults(path: string): TestResults {
  const results = JSON.parse(readFileSync(path, 'utf8')) as JsonResults
  const assertions = results.testResults.flatMap((file) => file.assertionResults)
  return {
    statuses: Object.fromEntries(assertions.map((a) => [a.title, a.status])),
    failures: Object.fromEntries(assertions.map((a) => [a.title, a.failureMessages.join('\n')])),
    fileMessages: results.testResults.map((file) => file.message ?? '').filter(Boolean),
  }
}

/** The leakproof JSON report at `path`, or undefined when none was written. */
export function readLeakReport(path: string): LeakRunReport | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as LeakRunReport) : undefined
}

/** The records of a report by test name; a name that appears twice is an error in the report. */
export function recordsByName(report: LeakRunReport | undefined): Record<string, LeakRecord> {
  const byName: Record<string, LeakRecord> = {}
  for (const record of report?.records ?? []) {
    if (byName[record.name]) throw new Error(`two records for "${record.name}" in the leak report`)
    byName[record.name] = record
  }
  return byName
}
