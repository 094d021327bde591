import { spawn, spawnSync } from 'node:child_process'
import { cliScript, normalise } from './run-cli.js'

/** util-linux's `script`, which runs a command on a pseudo-terminal of its own. */
export const hasScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0

export interface TerminalRun {
  exitCode: number
  /** Everything the terminal received, ANSI codes, durations and paths normalised. */
  output: string
}

/**
 * Runs a runner's real CLI as a user at a terminal would: on a pseudo-terminal (`script`) of 120
 * columns, with colours on and no CI variable, so that the runner draws its live status. Output is
 * read as a whole at the end: what the terminal showed at a given moment is not asserted.
 */
export function runInTerminal(
  bin: 'vitest' | 'jest',
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 120_000,
): Promise<TerminalRun> {
  const quote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`
  const command = [process.execPath, cliScript(bin), ...args].map(quote).join(' ')
  // A fresh pty has no size: the runners would lay out their status for 0 columns.
  const shell = `stty cols 120 rows 40; exec ${command}`
  // Unset, not empty: Node warns when both colour variables are set, whatever their values.
  const inherited = { ...process.env }
  for (const name of ['CI', 'GITHUB_ACTIONS', 'NO_COLOR', 'FORCE_COLOR']) delete inherited[name]
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', shell, '/dev/null'], {
      cwd,
      env: { ...inherited, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ exitCode: code ?? -1, output: normalise(output, cwd) })
    })
  })
}
