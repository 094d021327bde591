import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { LeakRunReport } from '@leakproof/core'
import { type CliRun, runCli, scratchFile } from '../run-cli.js'

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures')

export interface ReportRun {
  run: CliRun
  jsonPath: string
  htmlPath: string
  report: LeakRunReport
}

/**
 * Runs an example (or fixture) with its real runner and leakproof's reporter writing into a
 * scratch folder, so runs never write into the repository and never see each other's reports.
 */
export async function runWithReport(
  runner: 'vitest' | 'jest',
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<ReportRun> {
  const jsonPath = scratchFile('leakproof-report.json')
  const reporterArgs =
    runner === 'vitest'
      ? ['run', '--reporter=default', `--reporter=${join(fixtures, 'vitest-leak-reporter.ts')}`]
      : ['--reporters=default', `--reporters=${join(fixtures, 'jest-leak-reporter.cjs')}`]
  const run = await runCli(runner, cwd, [...reporterArgs, ...args], {
    LEAKPROOF_REPORT_FILE: jsonPath,
    ...env,
  })
  if (!existsSync(jsonPath)) throw new Error(`${runner} wrote no leakproof report:\n${run.output}`)
  const report = JSON.parse(readFileSync(jsonPath, 'utf8')) as LeakRunReport
  return { run, jsonPath, htmlPath: join(dirname(jsonPath), 'leakproof-report.html'), report }
}

export function example(name: string): string {
  return join(repoRoot, 'examples', name)
}

export function fixture(name: string): string {
  return join(fixtures, name)
}
