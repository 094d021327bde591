import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { findPathTo, findRetainers } from '../../../src/diagnosis/retainers/find-retainers.js'
import { HeapSnapshot } from '../../../src/diagnosis/retainers/heap-snapshot.js'

// A synthetic heap snapshot in V8's format: the root holds a Map (through a property `sessions`)
// whose backing store holds Session objects; a filler of strings can make the file span more than
// one of the reader's one-megabyte chunks, with escapes and multi-byte characters on the way.
const nodeTypes = [
  'hidden',
  'array',
  'string',
  'object',
  'code',
  'closure',
  'regexp',
  'number',
  'native',
  'synthetic',
]
const edgeTypes = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak']
const nodeFields = ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness']
const folder = mkdtempSync(join(tmpdir(), 'find-retainers-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

function writeSnapshot(sessions: number, firstId = 100, filler = 0): string {
  const strings = ['', 'sessions', 'Map', 'table', 'Session', 'holder', 'user', 'ad\\"a ünïcode']
  const nodes: number[] = []
  const edges: number[] = []
  const node = (type: string, name: number, id: number, size: number, edgeCount: number) =>
    nodes.push(nodeTypes.indexOf(type), name, id, size, edgeCount, 0, 0)
  const edge = (type: string, nameOrIndex: number, toNode: number) =>
    edges.push(edgeTypes.indexOf(type), nameOrIndex, toNode * nodeFields.length)
  // 0 root, 1 Map, 2 backing store, 3.. sessions, then a user string each session points at.
  node('synthetic', 0, 1, 0, 1)
  edge('property', 1, 1)
  node('object', 2, 3, 32, 1)
  edge('internal', 3, 2)
  node('array', 0, 5, 16 * sessions, sessions)
  for (let i = 0; i < sessions; i++) edge('element', i, 3 + i)
  for (let i = 0; i < sessions; i++) {
    node('object', 4, firstId + 2 * i, 40, 1)
    edge('property', 6, 3 + sessions)
  }
  node('string', 7, 7, 20, 0)
  for (let i = 0; i < filler; i++) strings.push(`filler ${i} ${'x'.repeat(i % 20)} ✓`)
  const snapshot = {
    snapshot: {
      meta: {
        node_fields: nodeFields,
        node_types: [nodeTypes, 'string', 'number', 'number', 'number', 'number', 'number'],
        edge_fields: ['type', 'name_or_index', 'to_node'],
        edge_types: [edgeTypes, 'string_or_number', 'node'],
      },
      node_count: nodes.length / nodeFields.length,
      edge_count: edges.length / 3,
      trace_function_count: 0,
    },
    nodes,
    edges,
    trace_function_infos: [],
    trace_tree: [],
    samples: [],
    locations: [],
    strings,
  }
  const file = join(folder, `${Math.random().toString(36).slice(2)}.heapsnapshot`)
  writeFileSync(file, JSON.stringify(snapshot))
  return file
}

describe('heap snapshots read a chunk at a time', () => {
  test('nodes, edges and strings survive chunk boundaries', () => {
    const snapshot = HeapSnapshot.read(writeSnapshot(3, 100, 50_000))
    expect(snapshot.nodeCount).toBe(7)
    expect(snapshot.name(1)).toBe('Map')
    expect(snapshot.type(3)).toBe('object')
    expect(snapshot.name(6)).toBe('ad\\"a ünïcode')
    const edges: string[] = []
    snapshot.forEachEdge(0, (type, name, target) => {
      edges.push(`${type} ${name} ${target}`)
    })
    expect(edges).toEqual(['property sessions 1'])
  })

  test('ids only, for the snapshot before the calls', () => {
    const ids = HeapSnapshot.readIds(writeSnapshot(2, 500))
    expect([1, 3, 5, 500, 502, 7].every((id) => ids.has(id))).toBe(true)
    expect(ids.has(501)).toBe(false)
  })
})

describe('findRetainers', () => {
  test('the path from the root to a known structure', () => {
    const snapshot = HeapSnapshot.read(writeSnapshot(2))
    expect(findPathTo(snapshot, 3, -1)).toEqual(['sessions: Map'])
    expect(findPathTo(snapshot, 424242, -1)).toBeUndefined()
  })

  test('objects new since the first snapshot, grouped, with the path to the nearest', () => {
    const before = HeapSnapshot.readIds(writeSnapshot(2, 100))
    const after = HeapSnapshot.read(writeSnapshot(10, 100))
    const [retainer] = findRetainers(before, after, 8)
    expect(retainer).toMatchObject({ object: 'Session', countPerIteration: 1, bytesPerIteration: 40 })
    expect(retainer?.path).toEqual(['sessions: Map', '[2]: Session { user }'])
  })
})
