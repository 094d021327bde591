import type { LeakRecord } from '@leakproof/core'
import { finishLeakRun, isLeakRecord, type LeakReporterOptions } from '@leakproof/core/adapter'
import type { Reporter, TestModule, Vitest } from 'vitest/node'

export type { LeakReporterOptions } from '@leakproof/core/adapter'

/**
 * Prints the leak report at the end of the run, writes the JSON report and, on GitHub Actions,
 * annotations. Records arrive through each test's `meta()`, so every pool and merged blob reports work.
 */
export class LeakReporter implements Reporter {
  #vitest: Vitest | undefined

  constructor(readonly options: LeakReporterOptions = {}) {}

  onInit(vitest: Vitest): void {
    this.#vitest = vitest
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
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
