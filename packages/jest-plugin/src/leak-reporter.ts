import { isAbsolute, resolve } from 'node:path'
import { BaseReporter } from '@jest/reporters'
import { buildRunReport, formatGithubAnnotations, formatRunReport, writeRunReport } from '@leakproof/core'
import pc from 'picocolors'
import { closeRunFolder, openRunFolder, takeRecords } from './run-folder.js'

export interface LeakReporterOptions {
  /**
   * Where to write the JSON report, relative to Jest's rootDir; `false` writes none.
   * @default 'leakproof-report.json'
   */
  outputFile?: string | false
  /**
   * Print GitHub Actions error annotations for leaking tests.
   * @default process.env.GITHUB_ACTIONS === 'true'
   */
  githubActions?: boolean
}

interface JestGlobalConfig {
  rootDir: string
  watch?: boolean
  watchAll?: boolean
}

/**
 * Prints the leak report at the end of the run, writes the JSON report and, on GitHub Actions,
 * annotations. Workers send records through a run folder this reporter owns and removes.
 */
export class LeakReporter extends BaseReporter {
  readonly #root: string
  readonly #watching: boolean
  readonly #options: Required<LeakReporterOptions>
  readonly #folder: string

  constructor(globalConfig: JestGlobalConfig, options: LeakReporterOptions = {}) {
    super()
    this.#root = globalConfig.rootDir
    this.#watching = Boolean(globalConfig.watch || globalConfig.watchAll)
    this.#options = {
      outputFile: options.outputFile ?? 'leakproof-report.json',
      githubActions: options.githubActions ?? process.env.GITHUB_ACTIONS === 'true',
    }
    this.#folder = openRunFolder()
    process.once('exit', () => closeRunFolder(this.#folder))
  }

  override onRunStart(): void {
    // A watch-mode re-run starts clean: what an interrupted run left behind is not this run's.
    takeRecords(this.#folder)
  }

  override onRunComplete(): void {
    const records = takeRecords(this.#folder)
    if (!this.#watching) closeRunFolder(this.#folder)
    if (records.length === 0) return
    const report = buildRunReport('jest', records)
    const colors = { received: pc.red, expected: pc.yellow, dim: pc.dim, bold: pc.bold }
    process.stderr.write(`${formatRunReport(report, this.#root, colors)}\n`)
    if (this.#options.outputFile !== false) {
      const path = isAbsolute(this.#options.outputFile)
        ? this.#options.outputFile
        : resolve(this.#root, this.#options.outputFile)
      writeRunReport(path, report)
    }
    if (this.#options.githubActions) {
      for (const line of formatGithubAnnotations(report, this.#root)) process.stdout.write(`${line}\n`)
    }
  }
}
