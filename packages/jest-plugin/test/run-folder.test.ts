import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { LeakRecord } from '@leakproof/core'
import { afterEach, describe, expect, test } from 'vitest'
import {
  closeRunFolder,
  openRunFolder,
  retractRecord,
  runFolderVariable,
  sendRecord,
  takeRecords,
} from '../src/run-folder.js'

function record(id: string, status: LeakRecord['status'] = 'clean'): LeakRecord {
  return {
    schemaVersion: 1,
    id,
    file: '/project/a.test.ts',
    name: id,
    status,
    expected: 'clean',
    passed: status !== 'leaking',
    bytesPerIteration: 0,
    iterations: 1000,
    durationMs: 10,
    collections: 2,
    async: false,
    reason: '',
    samples: [],
    message: '',
  }
}

let folder: string | undefined
afterEach(() => {
  if (folder) closeRunFolder(folder)
  folder = undefined
})

describe('the Jest run folder', () => {
  test('the reporter opens it and names it to the workers; closing removes it', () => {
    folder = openRunFolder()
    expect(process.env[runFolderVariable]).toBe(folder)
    expect(existsSync(folder)).toBe(true)
    closeRunFolder(folder)
    expect(existsSync(folder)).toBe(false)
    expect(process.env[runFolderVariable]).toBeUndefined()
    folder = undefined
  })

  test('a worker appends one line per record to its own file; taking them empties the folder', () => {
    folder = openRunFolder()
    sendRecord(record('a'))
    sendRecord(record('b', 'leaking'))
    const files = readdirSync(folder)
    expect(files).toEqual([expect.stringMatching(/^\d+-\d+\.jsonl$/)])
    expect(readFileSync(join(folder, files[0]!), 'utf8').trim().split('\n')).toHaveLength(2)
    expect(takeRecords(folder).map((r) => [r.id, r.status])).toEqual([
      ['a', 'clean'],
      ['b', 'leaking'],
    ])
    expect(readdirSync(folder)).toEqual([])
    expect(takeRecords(folder)).toEqual([])
  })

  test('one record per test: the last one sent, also across workers (a file re-run after a crash)', () => {
    folder = openRunFolder()
    sendRecord(record('a', 'leaking'))
    appendFileSync(join(folder, '999999-1.jsonl'), `${JSON.stringify(record('a', 'clean'))}\n`)
    const taken = takeRecords(folder)
    expect(taken).toHaveLength(1)
    expect(taken[0]?.id).toBe('a')
  })

  test('a retried test withdraws its earlier record; the last attempt counts even without a check', () => {
    folder = openRunFolder()
    sendRecord(record('retried', 'leaking'))
    sendRecord(record('kept'))
    retractRecord('retried')
    expect(takeRecords(folder).map((r) => r.id)).toEqual(['kept'])
    sendRecord(record('retried', 'leaking'))
    retractRecord('retried')
    sendRecord(record('retried', 'clean'))
    expect(takeRecords(folder).map((r) => [r.id, r.status])).toEqual([['retried', 'clean']])
  })

  test('retracting a test this worker sent nothing for writes nothing', () => {
    folder = openRunFolder()
    retractRecord('never-sent')
    expect(readdirSync(folder)).toEqual([])
  })

  test('torn lines, other schema versions and foreign files are skipped', () => {
    folder = openRunFolder()
    appendFileSync(
      join(folder, '1-0.jsonl'),
      `${JSON.stringify(record('ok'))}\n{"schemaVersion":1,"id":"torn\n${JSON.stringify({ ...record('old'), schemaVersion: 0 })}\n\n`,
    )
    expect(takeRecords(folder).map((r) => r.id)).toEqual(['ok'])
  })

  test('a worker without the folder variable sends nothing; a missing folder gives no records', () => {
    folder = openRunFolder()
    const named = folder
    delete process.env[runFolderVariable]
    sendRecord(record('lost'))
    expect(readdirSync(named)).toEqual([])
    closeRunFolder(named)
    folder = undefined
    expect(takeRecords(named)).toEqual([])
  })
})
