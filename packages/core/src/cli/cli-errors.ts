import { LeakproofError } from '../errors/leakproof-error.js'

/** The command line was wrong: unknown command or option, missing argument. Exit code 2. */
export class CliUsageError extends LeakproofError {
  override name = 'CliUsageError'
}

/** A file given to the CLI is not a leakproof report this version can read. Exit code 2. */
export class ReportFileError extends LeakproofError {
  override name = 'ReportFileError'
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`)
  }
}
