import { renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { isMainThread, threadId } from 'node:worker_threads'
import type { CheckProgress } from '../engine/check-progress.js'
import { epochNow } from '../runtime/real-clock.js'
import { type LinePlace, TerminalLine } from './terminal-line.js'

/**
 * Where running checks leave their progress, as JSON (`ProgressChannel`). The reporter sets it
 * before the runner starts its workers, and only when a terminal will show progress: without it a
 * check writes nothing at all.
 */
export const progressVariable = 'LEAKPROOF_PROGRESS'

/** A check shows once it has run this long: most end well before, and a line that flashes by helps no one. */
export const showAfterMs = 1000

/** What the reporter tells the checks through `progressVariable`. */
export interface ProgressChannel extends LinePlace {
  /** The folder the reporter reads. */
  folder: string
  /** The reporter's process: a check in its main thread (Jest `--runInBand`) draws the line itself. */
  pid: number
}

/** A running check's last progress, as the reporter reads it. */
export interface ProgressEntry extends CheckProgress {
  /** The test that made the check, as the runner names it. */
  name: string
  /** When it was written: ms since the epoch, on the real clock (comparable across processes). */
  at: number
}

/**
 * The progress file of the check running in this worker (one file per process and thread: a
 * worker runs one check at a time). Each write replaces the whole file by a rename, so the reporter
 * never reads half a write; the file goes when the check ends. A check that runs in the reporter's
 * own thread draws the line itself: a sync check blocks the reporter's timer there.
 */
export class ProgressFile {
  readonly #path: string
  readonly #name: string
  readonly #line: TerminalLine | undefined
  #broken = false

  /** The progress file for a check of test `name`, or undefined when no reporter shows progress. */
  static open(name: string | undefined, env: NodeJS.ProcessEnv = process.env): ProgressFile | undefined {
    const channel = readChannel(env[progressVariable])
    if (!channel || !name) return undefined
    const inReporter = channel.pid === process.pid && isMainThread
    const line = inReporter ? new TerminalLine(channel, () => process.stdout.columns) : undefined
    return new ProgressFile(join(channel.folder, `${process.pid}-${threadId}.json`), name, line)
  }

  private constructor(path: string, name: string, line: TerminalLine | undefined) {
    this.#path = path
    this.#name = name
    this.#line = line
  }

  /** Sync and cheap: called from inside a check, at most every `progressIntervalMs`. */
  write(progress: CheckProgress): void {
    if (this.#line && progress.elapsedMs >= showAfterMs) {
      this.#line.draw({ ...progress, name: this.#name, others: 0 })
    }
    if (this.#broken) return
    const entry: ProgressEntry = { ...progress, name: this.#name, at: epochNow() }
    const temporary = `${this.#path}.tmp`
    try {
      writeFileSync(temporary, JSON.stringify(entry))
      renameSync(temporary, this.#path)
    } catch {
      // The reporter removed its folder (the run is ending): progress is a nicety, never an error.
      this.#broken = true
    }
  }

  /** The check has ended: it is no longer shown. */
  close(): void {
    this.#line?.erase()
    try {
      rmSync(this.#path, { force: true })
      rmSync(`${this.#path}.tmp`, { force: true })
    } catch {
      // Nothing to remove, or the folder is already gone.
    }
  }
}

function readChannel(value: string | undefined): ProgressChannel | undefined {
  if (!value) return undefined
  try {
    const channel = JSON.parse(value) as Partial<ProgressChannel>
    const valid =
      typeof channel.folder === 'string' &&
      typeof channel.pid === 'number' &&
      typeof channel.fd === 'number' &&
      typeof channel.column === 'number'
    return valid ? (channel as ProgressChannel) : undefined
  } catch {
    return undefined
  }
}
