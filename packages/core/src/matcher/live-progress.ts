import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { clearInterval, setInterval } from 'node:timers'
import { epochNow } from '../runtime/real-clock.js'
import { type ProgressChannel, type ProgressEntry, progressVariable, showAfterMs } from './progress-file.js'
import { TerminalLine } from './terminal-line.js'

/** The runner redraws its own status now and then, wiping the line: it is drawn again this often. */
const redrawMs = 200
/** A file whose check should have ended this long ago was left by a worker that crashed. */
const staleMs = 3000

/** What the line needs of `process.stdout` or `process.stderr`. */
export interface TerminalStream {
  isTTY?: boolean
  columns?: number
  fd?: number
}

export interface LiveProgressOptions {
  /** The stream the runner draws its live status on: the line goes on that status's last row. */
  stream: TerminalStream
  /** Where the line starts on that row (see `LinePlace.column`). */
  column: number
}

/**
 * Shows, in an interactive terminal, which long check runs and how far it has got: the reporter
 * (main process) reads what the checks in the workers write (`ProgressFile`). Neither runner
 * streams anything from a running test to reporters, and a sync check blocks its worker's event
 * loop, so files are the channel. Without a TTY, or on CI, nothing happens: no folder, no timer,
 * and checks write nothing.
 */
export class LiveProgress {
  readonly #folder: string
  readonly #line: TerminalLine
  #timer: ReturnType<typeof setInterval> | undefined

  /** Opens the progress folder for the workers about to start; undefined when nobody would see it. */
  static open(options: LiveProgressOptions, env: NodeJS.ProcessEnv = process.env): LiveProgress | undefined {
    const { stream, column } = options
    if (!stream.isTTY || stream.fd === undefined || isCI(env)) return undefined
    const folder = mkdtempSync(join(tmpdir(), 'leakproof-progress-'))
    const channel: ProgressChannel = { folder, pid: process.pid, fd: stream.fd, column }
    env[progressVariable] = JSON.stringify(channel)
    return new LiveProgress(folder, new TerminalLine(channel, () => stream.columns))
  }

  private constructor(folder: string, line: TerminalLine) {
    this.#folder = folder
    this.#line = line
  }

  /** The runner's live status is up (a run started). */
  start(): void {
    this.#timer ??= setInterval(() => this.#tick(), redrawMs).unref()
  }

  /** The runner is about to print its final output: the line goes, and stays away. */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = undefined
    this.#line.erase()
  }

  /** The process is ending: removes the folder. */
  close(): void {
    this.stop()
    rmSync(this.#folder, { recursive: true, force: true })
  }

  #tick(): void {
    const now = epochNow()
    const running = readEntries(this.#folder)
      .map((entry) => ({ entry, startedAt: entry.at - entry.elapsedMs }))
      .filter(({ entry, startedAt }) => now - startedAt <= entry.budgetMs + staleMs)
      .sort((a, b) => a.startedAt - b.startedAt)
    const longest = running[0]
    if (!longest || now - longest.startedAt < showAfterMs) {
      this.#line.erase()
      return
    }
    this.#line.draw({ ...longest.entry, elapsedMs: now - longest.startedAt, others: running.length - 1 })
  }
}

function isCI(env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false'
}

function readEntries(folder: string): ProgressEntry[] {
  let files: string[] = []
  try {
    files = readdirSync(folder).filter((file) => file.endsWith('.json'))
  } catch {
    return []
  }
  const entries: ProgressEntry[] = []
  for (const file of files) {
    try {
      const entry = JSON.parse(readFileSync(join(folder, file), 'utf8')) as Partial<ProgressEntry>
      if (typeof entry.name === 'string' && typeof entry.at === 'number' && typeof entry.calls === 'number') {
        entries.push(entry as ProgressEntry)
      }
    } catch {
      // Removed since the listing: that check has just ended.
    }
  }
  return entries
}
