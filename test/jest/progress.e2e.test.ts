import { readdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { describe, expect, test } from 'vitest'
import { fixture, runCli, scratchFile } from '../run-cli.js'
import { hasScript, runInTerminal } from '../run-in-terminal.js'

// The fixture's check runs for about 2 s (a progress line shows for checks past 1 s); a second,
// quick test file makes Jest start workers unless told to run in band.
const progress = fixture(import.meta.url, 'progress')
// Whatever the verdict: on a loaded machine the check has been judged a leak (then it shows
// "diagnosing the leak" once found); the runs below assert the progress line only.
const progressLine =
  /leakproof ▸ <time> of <time> · ([\d,]+ calls|diagnosing the leak) · parseRows does not leak/
/** The run got to its summary: both test files ran. */
const ranBoth = /Tests: .*2 total/
const progressFolders = (folder: string) =>
  readdirSync(folder).filter((name) => name.startsWith('leakproof-progress-'))

describe('a long check shows its progress in Jest', () => {
  // In band, the sync check blocks the reporter's timer: the check draws the line itself.
  test.skipIf(!hasScript).each([
    ['worker processes', ['--maxWorkers=2']],
    ['worker threads', ['--maxWorkers=2', '--workerThreads']],
    ['--runInBand', ['--runInBand']],
  ])('in a terminal, beside the status, with %s', async (_name, args) => {
    const tmp = dirname(scratchFile('tmp'))
    const run = await runInTerminal('jest', progress, args, { TMPDIR: tmp })
    expect(run.output).toMatch(ranBoth)
    expect(run.output).toMatch(progressLine)
    expect(progressFolders(tmp)).toEqual([])
  })

  test.each([
    ['worker processes', ['--maxWorkers=2']],
    ['--runInBand', ['--runInBand']],
  ])('without a terminal, nothing, with %s', async (_name, args) => {
    const tmp = dirname(scratchFile('tmp'))
    const run = await runCli('jest', progress, args, { CI: '', TMPDIR: tmp })
    expect(run.output).toMatch(ranBoth)
    expect(run.output).not.toContain('leakproof ▸')
    expect(progressFolders(tmp)).toEqual([])
  })

  test.skipIf(!hasScript)('on CI, nothing, even in a terminal', async () => {
    const run = await runInTerminal('jest', progress, ['--runInBand'], { CI: 'true' })
    expect(run.output).toMatch(ranBoth)
    expect(run.output).not.toContain('leakproof ▸')
  })
})
