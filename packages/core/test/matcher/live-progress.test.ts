import { closeSync, existsSync, mkdtempSync, openSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { stripVTControlCharacters } from 'node:util'
import { afterEach, describe, expect, test } from 'vitest'
import { LiveProgress } from '../../src/matcher/live-progress.js'
import { type ProgressChannel, ProgressFile, progressVariable } from '../../src/matcher/progress-file.js'
import { formatProgressLine } from '../../src/report/format-progress-line.js'
import { tempFolder } from '../temp-folder.js'

const scratch = tempFolder('leakproof-terminal')

/** A "terminal" that is a file: what the line drew is read back from it. */
function fakeTerminal() {
  const path = join(mkdtempSync(join(scratch, 'case-')), 'tty')
  const fd = openSync(path, 'w')
  return { stream: { isTTY: true, fd, columns: 100 }, read: () => readFileSync(path, 'utf8'), fd }
}

const opened: (() => void)[] = []
afterEach(() => {
  for (const close of opened.splice(0)) close()
})

/** A reporter's LiveProgress, and the environment its workers would inherit. */
function openReporter(terminal = fakeTerminal()) {
  const env: NodeJS.ProcessEnv = {}
  const live = LiveProgress.open({ stream: terminal.stream, column: 0 }, env)!
  opened.push(() => {
    live.close()
    closeSync(terminal.fd)
  })
  // As a worker process sees it: not the reporter's own process, so the check does not draw itself.
  const channel = JSON.parse(env[progressVariable]!) as ProgressChannel
  const workerEnv = { [progressVariable]: JSON.stringify({ ...channel, pid: -1 }) }
  return { live, env, workerEnv, terminal, folder: channel.folder }
}

const measuring = { calls: 58_000, budgetMs: 4800, phase: 'measuring' as const }

describe('the progress line', () => {
  test('numbers first, the test last, cut to the width', () => {
    const line = { ...measuring, elapsedMs: 2120, name: 'parseCsv does not leak', others: 0 }
    expect(formatProgressLine(line, 200)).toBe(
      'leakproof ▸ 2.1 s of 4.8 s · 58,000 calls · parseCsv does not leak',
    )
    expect(formatProgressLine(line, 40)).toBe('leakproof ▸ 2.1 s of 4.8 s · 58,000 cal…')
    expect(formatProgressLine({ ...line, phase: 'diagnosing', others: 2 }, 200)).toBe(
      'leakproof ▸ 2.1 s of 4.8 s · diagnosing the leak · parseCsv does not leak (+2 more)',
    )
  })
})

describe('LiveProgress', () => {
  test('without a TTY, or on CI, nothing: no folder, and checks write nothing', () => {
    const env: NodeJS.ProcessEnv = {}
    const { stream } = fakeTerminal()
    expect(LiveProgress.open({ stream: { ...stream, isTTY: false }, column: 0 }, env)).toBeUndefined()
    expect(LiveProgress.open({ stream, column: 0 }, { CI: 'true' })).toBeUndefined()
    expect(env[progressVariable]).toBeUndefined()
    expect(ProgressFile.open('a test', env)).toBeUndefined()
  })

  test("draws a worker's check past a second, then erases it when the check ends", async () => {
    const { live, workerEnv, terminal, folder } = openReporter()
    const file = ProgressFile.open('parseCsv does not leak', workerEnv)!
    live.start()
    file.write({ ...measuring, elapsedMs: 1500 })
    // Two ticks of the reporter's timer: timers fire in order, so this holds on a loaded machine too.
    await sleep(450)
    expect(stripVTControlCharacters(terminal.read())).toMatch(
      /^leakproof ▸ 1\.\d s of 4\.8 s · 58,000 calls · parseCsv does not leak/,
    )
    const drawn = terminal.read().length
    file.close()
    await sleep(450)
    // Cursor saved, column 1, clear to the end of the row, cursor restored.
    expect(terminal.read().endsWith('\x1b7\x1b[1G\x1b[K\x1b8')).toBe(true)
    expect(terminal.read().length).toBeGreaterThan(drawn)
    live.close()
    expect(existsSync(folder)).toBe(false)
  })

  test("a check in the reporter's own thread draws itself (a sync check blocks the timer there)", () => {
    const { env, terminal } = openReporter()
    const file = ProgressFile.open('parseCsv does not leak', env)!
    file.write({ ...measuring, elapsedMs: 1500 })
    expect(stripVTControlCharacters(terminal.read())).toContain('leakproof ▸ 1.5 s of 4.8 s')
    file.close()
    expect(terminal.read().endsWith('\x1b7\x1b[1G\x1b[K\x1b8')).toBe(true)
  })

  test('a file left by a crashed worker is not shown', async () => {
    const { live, workerEnv, terminal } = openReporter()
    const file = ProgressFile.open('crashed', workerEnv)!
    // Written long ago, as far as its budget goes: elapsed past budget and then some.
    file.write({ ...measuring, budgetMs: 1000, elapsedMs: 10_000 })
    live.start()
    await sleep(450)
    expect(terminal.read()).toBe('')
  })
})
