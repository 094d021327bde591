import { BaseReporter } from '@jest/reporters'
import { finishLeakRun, type LeakReporterOptions, LiveProgress } from '@leakproof/core/adapter'
import { closeRunFolder, openRunFolder, takeRecords } from './run-folder.js'

export type { LeakReporterOptions } from '@leakproof/core/adapter'

interface JestGlobalConfig {
  rootDir: string
  useStderr?: boolean
  watch?: boolean
  watchAll?: boolean
}

/**
 * Jest's status (`Time:` and its progress bar, 40 columns) may fill the left of its last row: the
 * progress line starts past it.
 */
const progressColumn = 42

/**
 * Prints the leak report at the end of the run, writes the JSON report and, on GitHub Actions,
 * annotations. Workers send records through a run folder this reporter owns and removes.
 * In an interactive terminal, a check that runs for more than a second shows its progress.
 */
export class LeakReporter extends BaseReporter {
  readonly #root: string
  readonly #watching: boolean
  readonly #folder: string
  readonly #progress: LiveProgress | undefined

  constructor(
    globalConfig: JestGlobalConfig,
    readonly options: LeakReporterOptions = {},
  ) {
    super()
    this.#root = globalConfig.rootDir
    this.#watching = Boolean(globalConfig.watch || globalConfig.watchAll)
    this.#folder = openRunFolder()
    // Jest draws its status on stdout unless told otherwise; workers start after this constructor.
    const stream = globalConfig.useStderr ? process.stderr : process.stdout
    this.#progress = LiveProgress.open({ stream, column: progressColumn })
    process.once('exit', () => {
      closeRunFolder(this.#folder)
      this.#progress?.close()
    })
  }

  override onRunStart(): void {
    this.#progress?.start()
    // A watch-mode re-run starts clean: what an interrupted run left behind is not this run's.
    takeRecords(this.#folder)
  }

  override onRunComplete(): void {
    this.#progress?.stop()
    const records = takeRecords(this.#folder)
    if (!this.#watching) closeRunFolder(this.#folder)
    finishLeakRun('jest', records, this.#root, this.options, {
      report: (text) => process.stderr.write(`${text}\n`),
      annotate: (line) => process.stdout.write(`${line}\n`),
    })
  }
}
