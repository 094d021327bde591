import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import type { SurvivingAllocation } from '../../../src/diagnosis/sites/allocation-profiler.js'
import { leakingAllocations } from '../../../src/diagnosis/sites/leaking-allocations.js'
import { tempFolder } from '../../temp-folder.js'

const file = join(tempFolder('leaking-allocations'), 'client.js')
writeFileSync(
  file,
  [
    'export function create(agent) {', // 1
    '  const audit = []', // 2
    '  return async () => {', // 3
    '    const items = await getJson(agent)', // 4
    '    audit.push({ items: items.length })', // 5: the leaking line
    '  }', // 6
    '}', // 7
    'function getJson(agent) {', // 8
    '  return new Promise((resolve) => {', // 9
    "    get(agent, (response) => response.on('end', resolve))", // 10
    '  })', // 11
    '}', // 12
  ].join('\n'),
)

/** The profiler names a function by where it starts. */
const inFunction = (line: number, column: number, bytes: number): SurvivingAllocation => ({
  functionName: '',
  file,
  line,
  column,
  bytes,
})
const leakingClosure = inFunction(3, 10, 4_000)
// A keep-alive agent's new socket, made once in the request's callback: it survives, once.
const socket = inFunction(9, 22, 20_000)
const chain = [{ file, line: 5 }]

describe('leakingAllocations', () => {
  test("the leaking line's own function first, however few bytes it kept", () => {
    expect(
      leakingAllocations([socket, leakingClosure], { chain, kind: 'Object', madeAtStore: false }),
    ).toEqual([leakingClosure, socket])
  })

  test('numbers stored: only the functions on the chain, else none (the storing line grows the array)', () => {
    expect(leakingAllocations([socket], { chain, kind: 'number', madeAtStore: false })).toEqual([])
    expect(
      leakingAllocations([socket, leakingClosure], { chain, kind: 'number', madeAtStore: false }),
    ).toEqual([leakingClosure, socket])
  })

  test("a value made by the storing line's own syntax, which the profiler sampled none of: none", () => {
    expect(leakingAllocations([socket], { chain, kind: 'Object', madeAtStore: true })).toEqual([])
  })

  test('objects made off the chain (a helper that returned them): the largest survivors', () => {
    const small = inFunction(8, 1, 1_000)
    expect(leakingAllocations([socket, small], { chain, kind: 'Object', madeAtStore: false })).toEqual([
      socket,
    ])
  })

  test('no leaking line known: a fifth of the surviving bytes or more, most first', () => {
    const small = inFunction(8, 1, 1_000)
    expect(leakingAllocations([socket, leakingClosure, small])).toEqual([socket])
  })
})
