import { readSnapshot, type SnapshotParts } from './read-snapshot.js'

/** The parts of a V8 heap snapshot that retainer paths need, in flat typed arrays. */
export class HeapSnapshot {
  readonly nodeCount: number
  readonly #nodes: Uint32Array
  readonly #edges: Uint32Array
  readonly #firstEdge: Uint32Array
  readonly #strings: string[]
  readonly #nodeTypes: string[]
  readonly #edgeTypes: string[]
  readonly #nodeFieldCount: number
  readonly #edgeFieldCount: number

  constructor(parts: SnapshotParts) {
    this.#nodeFieldCount = parts.nodeFields.length
    this.#edgeFieldCount = parts.edgeFields.length
    this.#nodeTypes = parts.nodeTypes
    this.#edgeTypes = parts.edgeTypes
    this.#nodes = parts.nodes
    this.#edges = parts.edges
    this.#strings = parts.strings
    this.nodeCount = this.#nodes.length / this.#nodeFieldCount
    const edgeCountField = parts.nodeFields.indexOf('edge_count')
    this.#firstEdge = new Uint32Array(this.nodeCount + 1)
    for (let i = 0; i < this.nodeCount; i++) {
      this.#firstEdge[i + 1] = this.#firstEdge[i]! + this.#nodes[i * this.#nodeFieldCount + edgeCountField]!
    }
  }

  /** Streams the file into typed arrays: memory of a few times the node and edge counts, not the JSON's. */
  static read(path: string): HeapSnapshot {
    return new HeapSnapshot(readSnapshot(path))
  }

  /** Node ids only, sorted: all a "before" snapshot is needed for. */
  static readIds(path: string): NodeIds {
    const parts = readSnapshot(path, true)
    const fields = parts.nodeFields.length
    const idField = parts.nodeFields.indexOf('id')
    const ids = new Uint32Array(parts.nodes.length / fields)
    for (let i = 0; i < ids.length; i++) ids[i] = parts.nodes[i * fields + idField]!
    return new NodeIds(ids.sort())
  }

  type(node: number): string {
    return this.#nodeTypes[this.#nodes[node * this.#nodeFieldCount]!] ?? 'unknown'
  }

  name(node: number): string {
    return this.#strings[this.#nodes[node * this.#nodeFieldCount + 1]!] ?? ''
  }

  id(node: number): number {
    return this.#nodes[node * this.#nodeFieldCount + 2]!
  }

  selfSize(node: number): number {
    return this.#nodes[node * this.#nodeFieldCount + 3]!
  }

  /** Calls `visit(edgeType, edgeName, target)` for each edge of `node`; stops when it returns `true`. */
  forEachEdge(node: number, visit: (type: string, name: string, target: number) => unknown): void {
    for (let edge = this.#firstEdge[node]!; edge < this.#firstEdge[node + 1]!; edge++) {
      const base = edge * this.#edgeFieldCount
      const type = this.#edgeTypes[this.#edges[base]!] ?? 'unknown'
      const nameOrIndex = this.#edges[base + 1]!
      const name =
        type === 'element' || type === 'hidden' ? String(nameOrIndex) : (this.#strings[nameOrIndex] ?? '')
      if (visit(type, name, this.#edges[base + 2]! / this.#nodeFieldCount) === true) return
    }
  }
}

/** A sorted set of snapshot node ids in a typed array: a `Set` of a million numbers costs ~50 MB. */
export class NodeIds {
  readonly #ids: Uint32Array

  constructor(sorted: Uint32Array) {
    this.#ids = sorted
  }

  has(id: number): boolean {
    let low = 0
    let high = this.#ids.length - 1
    while (low <= high) {
      const middle = (low + high) >>> 1
      const value = this.#ids[middle]!
      if (value === id) return true
      if (value < id) low = middle + 1
      else high = middle - 1
    }
    return false
  }
}
