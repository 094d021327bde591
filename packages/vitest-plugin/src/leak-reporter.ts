import type { LeakRecord } from '@leakproof/core'
import { finishLeakRun, isLeakRecord, type LeakReporterOptions, LiveProgress } from '@leakproof/core/adapter'
import type { Reporter, TestModule, Vitest } from 'vitest/node'

export type { LeakReporterOptions } from '@leakproof/core/adapter'

/**
 * Prints the leak report at the end of the run, writes the JSON report and, on GitHub Actions,
 * annotations. Records arrive through each test's `meta()`, so every pool and merged blob reports work.
 * In an interactive terminal, a check that runs for more than a second shows its progress.
 */
export class LeakReporter implements Reporter {
  #vitest: Vitest | undefined
  #progress: LiveProgress | undefined

  constructor(readonly options: LeakReporterOptions = {}) {}

  onInit(vitest: Vitest): void {
    this.#vitest = vitest
    // Before the pool starts: its workers inherit the folder's name. Vitest's summary, on stdout,
    // ends with an empty row, where the line goes.
    this.#progress = LiveProgress.open({ stream: process.stdout, column: 0 })
    const progress = this.#progress
    if (progress) process.once('exit', () => progress.close())
  }

  onTestRunStart(): void {
    this.#progress?.start()
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    this.#progress?.stop()
    const records: LeakRecord[] = []
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const leak = (test.meta() as { leak?: unknown }).leak
        if (isLeakRecord(leak)) records.push(leak)
      }
    }
    const log = (text: string) => (this.#vitest ? this.#vitest.logger.log(text) : console.log(text))
    const warn = (text: string) => (this.#vitest ? this.#vitest.logger.warn(text) : console.warn(text))
    finishLeakRun('vitest', records, this.#vitest?.config.root ?? process.cwd(), this.options, {
      report: log,
      annotate: log,
      warn,
    })
  }
}
