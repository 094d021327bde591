import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { stripVTControlCharacters } from 'node:util'
import { afterAll } from 'vitest'
import { readLeakReport } from './read-results.js'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))

export interface CliRun {
  exitCode: number
  /** The run was killed for outliving its time. */
  timedOut: boolean
  stdout: string
  stderr: string
  /** stdout + stderr with ANSI codes, durations and absolute paths normalised, for assertions. */
  output: string
}

/**
 * Runs a runner's real CLI (from the workspace's node_modules) in a fixture folder. A run that
 * outlives `timeoutMs` is killed (SIGKILL: a process spinning in a syscall ignores SIGTERM) and
 * resolves with exit code -1 and `timedOut`.
 */
export function runCli(
  bin: 'vitest' | 'jest',
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 300_000,
) {
  const script = cliScript(bin)
  return new Promise<CliRun>((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: 'true', GITHUB_ACTIONS: '', ...env },
    })
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, timeoutMs)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({
        exitCode: code ?? -1,
        timedOut,
        stdout,
        stderr,
        output: normalise(`${stdout}\n${stderr}`, cwd),
      })
    })
  })
}

/** The runner's CLI script in the workspace's node_modules. */
export function cliScript(bin: 'vitest' | 'jest'): string {
  const script = join(repoRoot, 'node_modules', bin, bin === 'vitest' ? 'vitest.mjs' : 'bin/jest.js')
  if (!existsSync(script)) throw new Error(`${bin} is not installed at ${script}`)
  return script
}

export function fixture(testFile: string, name: string): string {
  return join(dirname(fileURLToPath(testFile)), 'fixtures', name)
}

/** One folder per test file for the runs' reports, removed after its tests (runs left hundreds behind). */
const scratch = mkdtempSync(join(tmpdir(), 'leakproof-e2e-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

export function scratchFile(name: string): string {
  return join(mkdtempSync(join(scratch, 'run-')), name)
}

/**
 * Output with the fixture's and the repo's paths and every timing replaced. A timing is a number of
 * its own, not the digits of a word: a temp folder's random name (`leakproof-e2e-CRWL6s`) lost its
 * '6s' to it, and a test looking for the report's path failed.
 */
export function normalise(text: string, cwd: string): string {
  return stripVTControlCharacters(text)
    .replaceAll(cwd, '<fixture>')
    .replaceAll(repoRoot, '<repo>/')
    .replace(/(?<![\w.])\d+(\.\d+)? ?(ms|s)\b/g, '<time>')
}

/** The verdicts of a leakproof JSON report with the samples they rest on, for failure messages. */
export function explainVerdicts(reportPath: string): string {
  const report = readLeakReport(reportPath)
  if (!report) return 'no leakproof report was written'
  return report.records
    .map((record) => {
      const windows = record.samples.map((sample, i, all) =>
        i === 0 ? `${sample.iteration}` : `${sample.iteration}:${sample.heapBytes - all[i - 1]!.heapBytes}`,
      )
      return `${record.name}: ${record.status} (${record.reason}) ${windows.join(' ')}`
    })
    .join('\n')
}
