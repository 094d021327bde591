import { BaseReporter } from '@jest/reporters'
import { finishLeakRun, type LeakReporterOptions } from '@leakproof/core/adapter'
import { closeRunFolder, openRunFolder, takeRecords } from './run-folder.js'

export type { LeakReporterOptions } from '@leakproof/core/adapter'

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
  readonly #folder: string

  constructor(
    globalConfig: JestGlobalConfig,
    readonly options: LeakReporterOptions = {},
  ) {
    super()
    this.#root = globalConfig.rootDir
    this.#watching = Boolean(globalConfig.watch || globalConfig.watchAll)
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
    finishLeakRun('jest', records, this.#root, this.options, {
      report: (text) => process.stderr.write(`${text}\n`),
      annotate: (line) => process.stdout.write(`${line}\n`),
    })
  }
}
