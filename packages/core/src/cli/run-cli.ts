import { LeakproofError } from '../errors/leakproof-error.js'
import { CliUsageError } from './cli-errors.js'
import type { CliIo } from './cli-io.js'
import { compareCommand, compareUsage } from './compare-command.js'
import { mergeCommand, mergeUsage } from './merge-command.js'
import { reportCommand, reportUsage } from './report-command.js'

export const usage = `Usage: leakproof <command>

  ${mergeUsage}
      Merge the reports of several shards or CI jobs into one.
  ${reportUsage}
      Print a saved report, write it as HTML, or print GitHub Actions annotations.
  ${compareUsage}
      List new leaks, fixed leaks and leaks whose bytes per call grew by more than --growth
      percent (default 50); exit code 1 on a regression.

Exit codes: 0 done, 1 regression (compare), 2 bad input or usage.
`

const commands: Record<string, (args: string[], io: CliIo) => number> = {
  merge: mergeCommand,
  report: reportCommand,
  compare: compareCommand,
}

/** The `leakproof` command; returns the exit code. Bad input gets one line on stderr and exit code 2. */
export function runCli(argv: string[], io: CliIo): number {
  const [name, ...args] = argv
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage)
    return 0
  }
  try {
    const command = name ? commands[name] : undefined
    if (!command) {
      throw new CliUsageError(
        name
          ? `unknown command ${JSON.stringify(name)}; try leakproof --help`
          : 'no command; try leakproof --help',
      )
    }
    return command(args, io)
  } catch (error) {
    // parseArgs throws TypeErrors with a code for unknown or malformed options: usage errors too.
    const isUsage = (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    if (error instanceof LeakproofError || isUsage) {
      io.stderr(`leakproof: ${(error as Error).message}\n`)
      return 2
    }
    throw error
  }
}
