import { writeSync } from 'node:fs'
import { formatProgressLine, type ProgressLine } from '../report/format-progress-line.js'

/** Narrower than this, the line would say nothing useful. */
const minWidth = 24

/** Where the progress line goes: the terminal's file descriptor, and the column it starts at. */
export interface LinePlace {
  fd: number
  /**
   * 0 where the runner's live status ends with an empty row (Vitest's summary); further right
   * where its last row holds text of its own (Jest's `Time:` row and progress bar).
   */
  column: number
}

/**
 * The progress line on the last row of the runner's live status, drawn with the cursor saved and
 * restored: it never moves the cursor the runner's own redraws start from, and the runner clears
 * it whenever it redraws (a test ended). Written straight to the descriptor: Vitest's renderer and
 * Jest's status wrap the stream's `write` and would keep the line as output above their status.
 */
export class TerminalLine {
  #drawn = false
  #broken = false

  constructor(
    readonly place: LinePlace,
    /** The terminal's width now (it may be resized). */
    readonly columns: () => number | undefined,
  ) {}

  draw(line: ProgressLine): void {
    const width = (this.columns() || 80) - this.place.column - 1
    if (width < minWidth) {
      this.erase()
      return
    }
    this.#write(`\x1b7\x1b[${this.place.column + 1}G${formatProgressLine(line, width)}\x1b[K\x1b8`)
    this.#drawn = true
  }

  /** Clears what this line drew, when the runner has not redrawn over it already. */
  erase(): void {
    if (!this.#drawn) return
    this.#drawn = false
    this.#write(`\x1b7\x1b[${this.place.column + 1}G\x1b[K\x1b8`)
  }

  #write(text: string): void {
    if (this.#broken) return
    try {
      writeSync(this.place.fd, text)
    } catch {
      // The terminal went away: progress is a nicety, never an error.
      this.#broken = true
    }
  }
}
