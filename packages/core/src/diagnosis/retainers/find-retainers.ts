import type { RetainerPath } from '../../result/retainer-path.js'
import type { HeapSnapshot, NodeIds } from './heap-snapshot.js'

/** Object kinds a user recognises; the rest (hidden, code, backing stores) is V8's. */
const userKinds = new Set(['object', 'closure', 'array', 'string', 'regexp', 'number', 'bigint'])
const maxGroups = 3

/**
 * Groups the objects that exist in `after` but not `before` (made during `calls` calls and still
 * alive after a GC), and finds for the largest groups the shortest strong path from the GC roots.
 */
export function findRetainers(before: NodeIds, after: HeapSnapshot, calls: number): RetainerPath[] {
  const groups = new Map<string, { nodes: Set<number>; bytes: number }>()
  for (let node = 0; node < after.nodeCount; node++) {
    if (before.has(after.id(node)) || !userKinds.has(after.type(node))) continue
    const key = describeKind(after, node)
    let group = groups.get(key)
    if (!group) {
      group = { nodes: new Set(), bytes: 0 }
      groups.set(key, group)
    }
    group.nodes.add(node)
    group.bytes += after.selfSize(node)
  }
  const largest = [...groups]
    .filter(([, group]) => group.nodes.size >= calls * 0.05)
    .sort((a, b) => b[1].bytes - a[1].bytes)
    .slice(0, maxGroups)
  if (largest.length === 0) return []
  const parents = shortestPaths(after)
  const reported: Set<number>[] = []
  return largest.flatMap(([object, group]) => {
    const target = nearest(parents, group.nodes)
    if (target === undefined || reported.some((nodes) => insideGroup(parents, target, nodes))) return []
    reported.push(group.nodes)
    const path = describePath(after, parents, target)
    // A path of the object alone says nothing about who holds it.
    if (path.length < 2) return []
    return [
      {
        object,
        countPerIteration: group.nodes.size / calls,
        bytesPerIteration: group.bytes / calls,
        path,
      },
    ]
  })
}

interface Parents {
  node: Int32Array
  edgeType: string[]
  edgeName: string[]
  order: Int32Array
}

/** Breadth-first from the root over strong edges: each node's parent on a shortest path. */
function shortestPaths(snapshot: HeapSnapshot, skip = -1): Parents {
  const node = new Int32Array(snapshot.nodeCount).fill(-1)
  const order = new Int32Array(snapshot.nodeCount).fill(-1)
  const edgeType: string[] = []
  const edgeName: string[] = []
  const queue = new Int32Array(snapshot.nodeCount)
  let head = 0
  let tail = 0
  queue[tail++] = 0
  node[0] = 0
  order[0] = 0
  while (head < tail) {
    const current = queue[head++]!
    if (current === skip) continue
    snapshot.forEachEdge(current, (type, name, target) => {
      if (type === 'weak' || type === 'shortcut' || node[target] !== -1) return
      node[target] = current
      order[target] = tail
      edgeType[target] = type
      edgeName[target] = name
      queue[tail++] = target
    })
  }
  return { node, edgeType, edgeName, order }
}

/**
 * The readable path from a GC root to the object with snapshot id `id`, if it is reachable other
 * than through the object with id `skip` (leakproof's own holder of it).
 */
export function findPathTo(snapshot: HeapSnapshot, id: number, skip: number): string[] | undefined {
  let target = -1
  let skipped = -1
  for (let node = 0; node < snapshot.nodeCount; node++) {
    if (snapshot.id(node) === id) target = node
    if (snapshot.id(node) === skip) skipped = node
  }
  if (target === -1) return undefined
  const parents = shortestPaths(snapshot, skipped)
  return parents.order[target] === -1 ? undefined : describePath(snapshot, parents, target)
}

/** Whether the path to `node` passes through one of `group`: then it is part of that leak. */
function insideGroup(parents: Parents, node: number, group: Set<number>): boolean {
  for (let current = parents.node[node]!; current !== 0; current = parents.node[current]!) {
    if (group.has(current)) return true
  }
  return false
}

function nearest(parents: Parents, nodes: Set<number>): number | undefined {
  let best: number | undefined
  for (const node of nodes) {
    const order = parents.order[node]!
    if (order !== -1 && (best === undefined || order < parents.order[best]!)) best = node
  }
  return best
}

/** `sessions: Map → Session { user, payload }`: the path's steps, V8's internal hops folded away. */
function describePath(snapshot: HeapSnapshot, parents: Parents, target: number): string[] {
  const chain: number[] = []
  for (let node = target; node !== 0; node = parents.node[node]!) chain.unshift(node)
  const steps: string[] = []
  for (const node of chain) {
    const type = parents.edgeType[node]
    const name = parents.edgeName[node] ?? ''
    const kind = snapshot.type(node)
    if (kind === 'synthetic' || snapshot.name(node) === 'system / Context') continue
    const named = type === 'context' || type === 'property' || type === 'element'
    if (!named && (!userKinds.has(kind) || kind === 'array')) continue
    const label = describeObject(snapshot, node)
    const edge = type === 'element' ? `[${name}]` : named ? name : ''
    steps.push(edge ? `${edge}: ${label}` : label)
  }
  return steps.slice(-5)
}

function describeKind(snapshot: HeapSnapshot, node: number): string {
  const type = snapshot.type(node)
  if (type === 'object' || type === 'native') return snapshot.name(node) || 'Object'
  return `(${type})`
}

function describeObject(snapshot: HeapSnapshot, node: number): string {
  const kind = describeKind(snapshot, node)
  if (snapshot.type(node) !== 'object') return kind
  const keys: string[] = []
  snapshot.forEachEdge(node, (type, name) => {
    if (type === 'property' && !name.startsWith('__') && !name.startsWith('<symbol')) keys.push(name)
    return keys.length >= 3
  })
  return keys.length ? `${kind} { ${keys.join(', ')} }` : kind
}
