import { readdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { describe, expect, test } from 'vitest'
import { fixture, runCli, scratchFile } from '../run-cli.js'
import { hasScript, runInTerminal } from '../run-in-terminal.js'

// The fixture's one check runs for about 2 s: a progress line shows for checks past 1 s.
const progress = fixture(import.meta.url, 'progress')
// Whatever the verdict: on a loaded machine the check has been judged a leak (then it shows
// "diagnosing the leak" once found); the runs below assert the progress line only.
const progressLine =
  /leakproof ▸ <time> of <time> · ([\d,]+ calls|diagnosing the leak) · parseRows does not leak/
/** The run got to its summary with its one test. */
const ranCheck = /Tests +.*\(1\)/
const progressFolders = (folder: string) =>
  readdirSync(folder).filter((name) => name.startsWith('leakproof-progress-'))

describe('a long check shows its progress in Vitest', () => {
  test.skipIf(!hasScript)('in a terminal, on the last row of the live summary', async () => {
    const tmp = dirname(scratchFile('tmp'))
    const run = await runInTerminal('vitest', progress, ['run'], { TMPDIR: tmp })
    expect(run.output).toMatch(ranCheck)
    expect(run.output).toMatch(progressLine)
    expect(progressFolders(tmp)).toEqual([])
  })

  test('without a terminal, nothing', async () => {
    const tmp = dirname(scratchFile('tmp'))
    const run = await runCli('vitest', progress, ['run'], { CI: '', TMPDIR: tmp })
    expect(run.output).toMatch(ranCheck)
    expect(run.output).not.toContain('leakproof ▸')
    expect(progressFolders(tmp)).toEqual([])
  })

  test.skipIf(!hasScript)('on CI, nothing, even in a terminal', async () => {
    const run = await runInTerminal('vitest', progress, ['run'], { CI: 'true' })
    expect(run.output).toMatch(ranCheck)
    expect(run.output).not.toContain('leakproof ▸')
  })
})
