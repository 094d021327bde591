import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { stripVTControlCharacters } from 'node:util'
import type { LeakRunReport } from '@leakproof/core'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))

export interface CliRun {
  exitCode: number
  stdout: string
  stderr: string
  /** stdout + stderr with ANSI codes, durations and absolute paths normalised, for assertions. */
  output: string
}

/** Runs a runner's real CLI (from the workspace's node_modules) in a fixture folder. */
export function runCli(bin: 'vitest' | 'jest', cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const script = join(repoRoot, 'node_modules', bin, bin === 'vitest' ? 'vitest.mjs' : 'bin/jest.js')
  if (!existsSync(script)) throw new Error(`${bin} is not installed at ${script}`)
  return new Promise<CliRun>((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: 'true', GITHUB_ACTIONS: '', ...env },
    })
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
      resolve({ exitCode: code ?? -1, stdout, stderr, output: normalise(`${stdout}\n${stderr}`, cwd) })
    })
  })
}

export function fixture(testFile: string, name: string): string {
  return join(dirname(fileURLToPath(testFile)), 'fixtures', name)
}

export function scratchFile(name: string): string {
  return join(mkdtempSync(join(tmpdir(), 'leakproof-e2e-')), name)
}

export function normalise(text: string, cwd: string): string {
  return stripVTControlCharacters(text)
    .replaceAll(cwd, '<fixture>')
    .replaceAll(repoRoot, '<repo>/')
    .replace(/\d+(\.\d+)? ?(ms|s)\b/g, '<time>')
}

/** The verdicts of a leakproof JSON report with the samples they rest on, for failure messages. */
export function explainVerdicts(reportPath: string): string {
  if (!existsSync(reportPath)) return 'no leakproof report was written'
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as LeakRunReport
  return report.records
    .map((record) => {
      const windows = record.samples.map((sample, i, all) =>
        i === 0 ? `${sample.iteration}` : `${sample.iteration}:${sample.heapBytes - all[i - 1]!.heapBytes}`,
      )
      return `${record.name}: ${record.status} (${record.reason}) ${windows.join(' ')}`
    })
    .join('\n')
}
