import type { LeakRecord } from '@leakproof/core'
import { expect } from 'vitest'
import type { TestResults } from './read-results.js'

/** What one run of a reliability fixture gives: the runner's results and leakproof's records. */
export interface ReliabilityRun extends TestResults {
  records: Record<string, LeakRecord>
  output: string
}

/**
 * The findings of issue 10, checked the same way for Vitest and Jest: each names the fixture file
 * (test/<runner>/fixtures/reliability) whose tests it reads.
 */
export const expectReliability = {
  /** timeout.test.ts: a check ends within its test, says so when the test times out first. */
  timeouts(run: ReliabilityRun): void {
    expect(run.statuses['a never-settling function ends within the test']).toBe('failed')
    expect(run.failures['a never-settling function ends within the test']).toMatch(
      /call 1 of the function under test had not settled when the \d+ ms budget ran out/,
    )
    const timedOut = run.failures['a check that outlives the test timeout']
    expect(timedOut).toMatch(
      /the leak check was still running when the test timed out after 1500 ms: [\d,]+ calls? made, no verdict yet/,
    )
    expect(timedOut).not.toContain('was not awaited')
    expect(run.records['a check that outlives the test timeout']).toMatchObject({
      status: 'inconclusive',
      reason: expect.stringContaining('the test timed out after 1500 ms'),
    })
    expect(run.statuses['a clean check after them passes']).toBe('passed')
    expect(run.records['a clean check after them passes']?.status).toBe('clean')
  },

  /** forgotten-await.test.ts: the orphan stops when its test ends, is filed, and frees the lock. */
  forgottenAwait(run: ReliabilityRun): void {
    expect(run.statuses['forgotten await']).toBe('failed')
    expect(run.failures['forgotten await']).toContain('was not awaited')
    expect(run.records['forgotten await']).toMatchObject({
      status: 'inconclusive',
      reason: expect.stringContaining('not awaited'),
    })
    expect(run.statuses['a clean check after a forgotten await passes']).toBe('passed')
    expect(run.output).not.toContain('ConcurrentCheckError')
    expect(run.output).not.toMatch(/Unhandled (Rejection|Error)/)
  },

  /** fake-timers.test.ts: faked timers and clocks change nothing, sync or async. */
  fakeTimers(run: ReliabilityRun): void {
    for (const name of ['sync leak found', 'sync clean', 'async leak found', 'async clean']) {
      const title = `fake timers: ${name}`
      expect(run.statuses[title], run.failures[title]).toBe('passed')
      expect(run.records[title]?.status).toBe(name.endsWith('clean') ? 'clean' : 'leaking')
      expect(run.records[title]?.durationMs).toBeGreaterThan(0)
    }
  },

  /** diagnosis-stalls.test.ts: the verdict stands, the diagnosis ends, prototypes are restored. */
  diagnosisStalls(run: ReliabilityRun): void {
    expect(run.statuses['a diagnosis whose calls stop settling']).toBe('failed')
    expect(run.failures['a diagnosis whose calls stop settling']).toMatch(/leakproof: LEAK/)
    expect(run.records['a diagnosis whose calls stop settling']?.diagnosisNotes?.join('\n')).toMatch(
      /had not settled/,
    )
    expect(run.statuses['prototypes are restored and a clean check passes after it']).toBe('passed')
  },

  /** concurrent.test.ts: each record reaches its own test; a test without a check is untouched. */
  concurrent(run: ReliabilityRun): void {
    expect(run.statuses['concurrent leak']).toBe('failed')
    expect(run.records['concurrent leak']?.status).toBe('leaking')
    expect(run.statuses['concurrent clean']).toBe('passed')
    expect(run.records['concurrent clean']?.status).toBe('clean')
    expect(run.statuses['concurrent test without a check']).toBe('passed')
    expect(run.records['concurrent test without a check']).toBeUndefined()
  },

  /** retry.test.ts: one record per test, from its last attempt. */
  retries(run: ReliabilityRun): void {
    expect(run.statuses['retried: a leak, then clean on the last attempt']).toBe('passed')
    expect(run.records['retried: a leak, then clean on the last attempt']?.status).toBe('clean')
  },

  /**
   * retained.test.ts: a leaking function is not called past `maxRetainedBytes` (the fixture counts
   * the calls). Windows are sized to fit under the cap, so the leak is normally found before it;
   * when the cap stops the check first, the reason says so.
   */
  retained(run: ReliabilityRun): void {
    const title = 'a leaking function is not called past maxRetainedBytes'
    expect(run.failures[title]).not.toContain('toBeLessThan')
    const record = run.records[title]
    expect(record?.status).not.toBe('clean')
    if (record?.status !== 'leaking') expect(record?.reason).toContain('more than `maxRetainedBytes`, 8.0 MB')
  },

  /** jsdom.test.ts: DOM and window listener leaks found, DOM work not called a leak, in time. */
  jsdom(run: ReliabilityRun): void {
    for (const title of [
      'jsdom: rendering and removing a node is clean',
      'jsdom: nodes appended and never removed leak',
      'jsdom: window listeners never removed leak',
    ]) {
      expect(run.statuses[title], run.failures[title]).toBe('passed')
    }
    expect(run.records['jsdom: rendering and removing a node is clean']?.status).not.toBe('leaking')
  },
}
