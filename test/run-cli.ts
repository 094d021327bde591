import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { stripVTControlCharacters } from 'node:util'

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
