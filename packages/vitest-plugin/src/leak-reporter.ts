import { isAbsolute, resolve } from 'node:path'
import {
  buildRunReport,
  formatGithubAnnotations,
  formatRunReport,
  isLeakRecord,
  type LeakRecord,
  writeRunReport,
} from '@leakproof/core'
import pc from 'picocolors'
import type { Reporter, TestModule, Vitest } from 'vitest/node'

export interface LeakReporterOptions {
  /**
   * Where to write the JSON report, relative to the project root; `false` writes none.
   * @default 'leakproof-report.json'
   */
  outputFile?: string | false
  /**
   * Print GitHub Actions error annotations for leaking tests.
   * @default process.env.GITHUB_ACTIONS === 'true'
   */
  githubActions?: boolean
}

/**
 * Prints the leak report at the end of the run, writes the JSON report and, on GitHub Actions,
 * annotations. Records arrive through each test's `meta()`, so every pool and merged blob reports work.
 */
export class LeakReporter implements Reporter {
  #vitest: Vitest | undefined
  readonly #options: Required<LeakReporterOptions>

  constructor(options: LeakReporterOptions = {}) {
    this.#options = {
      outputFile: options.outputFile ?? 'leakproof-report.json',
      githubActions: options.githubActions ?? process.env.GITHUB_ACTIONS === 'true',
    }
  }

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
    if (records.length === 0) return
    const root = this.#vitest?.config.root ?? process.cwd()
    const report = buildRunReport('vitest', records)
    const colors = { received: pc.red, expected: pc.yellow, dim: pc.dim, bold: pc.bold }
    const log = (text: string) => (this.#vitest ? this.#vitest.logger.log(text) : console.log(text))
    log(formatRunReport(report, root, colors))
    if (this.#options.outputFile !== false) {
      const path = isAbsolute(this.#options.outputFile)
        ? this.#options.outputFile
        : resolve(root, this.#options.outputFile)
      writeRunReport(path, report)
    }
    if (this.#options.githubActions) {
      for (const line of formatGithubAnnotations(report, root)) log(line)
    }
  }
}
