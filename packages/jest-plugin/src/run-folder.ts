import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { threadId } from 'node:worker_threads'
import type { LeakRecord } from '@leakproof/core'
import { isLeakRecord } from '@leakproof/core/adapter'

/**
 * Jest has no channel from a test to reporters for passing tests, so records travel through a
 * folder the reporter creates and names in this variable before any worker starts: child
 * processes and worker threads inherit it, and in-band runs share it.
 */
export const runFolderVariable = 'LEAKPROOF_JEST_RUN_FOLDER'

/** Creates this run's folder and announces it to the workers Jest is about to start. */
export function openRunFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'leakproof-jest-'))
  process.env[runFolderVariable] = folder
  return folder
}

/**
 * Appends a record to this worker's own file (one per process and thread, so writers never
 * interleave); a line is a whole record, so a worker that crashes loses at most its last one.
 */
export function sendRecord(record: LeakRecord): void {
  const folder = process.env[runFolderVariable]
  if (!folder) return
  mkdirSync(folder, { recursive: true })
  appendFileSync(join(folder, `${process.pid}-${threadId}.jsonl`), `${JSON.stringify(record)}\n`)
}

/** Reads every record sent so far and empties the folder, ready for the next run in watch mode. */
export function takeRecords(folder: string): LeakRecord[] {
  const records: LeakRecord[] = []
  let files: string[] = []
  try {
    files = readdirSync(folder)
  } catch {
    return records
  }
  for (const file of files) {
    const path = join(folder, file)
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      const record = parseLine(line)
      if (record) records.push(record)
    }
    rmSync(path, { force: true })
  }
  return records
}

export function closeRunFolder(folder: string): void {
  rmSync(folder, { recursive: true, force: true })
  if (process.env[runFolderVariable] === folder) delete process.env[runFolderVariable]
}

function parseLine(line: string): LeakRecord | undefined {
  if (!line.trim()) return undefined
  try {
    const value: unknown = JSON.parse(line)
    return isLeakRecord(value) ? value : undefined
  } catch {
    return undefined
  }
}
