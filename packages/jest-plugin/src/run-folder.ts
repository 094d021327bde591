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

/** Ids of the tests this worker sent records for (per test file: Jest reloads modules per file). */
const sent = new Set<string>()

/**
 * Appends a record to this worker's own file (one per process and thread, so writers never
 * interleave); a line is a whole record, so a worker that crashes loses at most its last one.
 */
export function sendRecord(record: LeakRecord): void {
  sent.add(record.id)
  appendLine(record)
}

/**
 * Withdraws the records of a test about to be retried: the last attempt alone counts, even when
 * it makes no check.
 */
export function retractRecord(id: string): void {
  if (sent.delete(id)) appendLine({ retract: id })
}

function appendLine(line: LeakRecord | Retraction): void {
  const folder = process.env[runFolderVariable]
  if (!folder) return
  mkdirSync(folder, { recursive: true })
  appendFileSync(join(folder, `${process.pid}-${threadId}.jsonl`), `${JSON.stringify(line)}\n`)
}

/**
 * Reads every record sent so far and empties the folder, ready for the next run in watch mode.
 * One record per test: the last one sent, so retries (and files re-run after a worker crashed)
 * count once.
 */
export function takeRecords(folder: string): LeakRecord[] {
  const records = new Map<string, LeakRecord>()
  let files: string[] = []
  try {
    files = readdirSync(folder)
  } catch {
    return []
  }
  for (const file of files) {
    const path = join(folder, file)
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      const entry = parseLine(line)
      if (!entry) continue
      if ('retract' in entry) {
        records.delete(entry.retract)
        continue
      }
      records.delete(entry.id)
      records.set(entry.id, entry)
    }
    rmSync(path, { force: true })
  }
  return [...records.values()]
}

export function closeRunFolder(folder: string): void {
  rmSync(folder, { recursive: true, force: true })
  if (process.env[runFolderVariable] === folder) delete process.env[runFolderVariable]
}

interface Retraction {
  retract: string
}

function parseLine(line: string): LeakRecord | Retraction | undefined {
  if (!line.trim()) return undefined
  try {
    const value: unknown = JSON.parse(line)
    if (typeof (value as Partial<Retraction>)?.retract === 'string') return value as Retraction
    return isLeakRecord(value) ? value : undefined
  } catch {
    return undefined
  }
}
