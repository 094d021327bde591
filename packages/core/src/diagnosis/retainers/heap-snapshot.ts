import { readFileSync } from 'node:fs'

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

  constructor(json: string) {
    const snapshot = JSON.parse(json) as RawSnapshot
    const meta = snapshot.snapshot.meta
    this.#nodeFieldCount = meta.node_fields.length
    this.#edgeFieldCount = meta.edge_fields.length
    this.#nodeTypes = meta.node_types[0] as string[]
    this.#edgeTypes = meta.edge_types[0] as string[]
    this.#nodes = Uint32Array.from(snapshot.nodes)
    this.#edges = Uint32Array.from(snapshot.edges)
    this.#strings = snapshot.strings
    this.nodeCount = this.#nodes.length / this.#nodeFieldCount
    this.#firstEdge = new Uint32Array(this.nodeCount + 1)
    for (let i = 0; i < this.nodeCount; i++) {
      this.#firstEdge[i + 1] = this.#firstEdge[i]! + this.#nodes[i * this.#nodeFieldCount + 4]!
    }
  }

  static read(path: string): HeapSnapshot {
    return new HeapSnapshot(readFileSync(path, 'utf8'))
  }

  /** Node ids only: all a "before" snapshot is needed for. */
  static readIds(path: string): Set<number> {
    const snapshot = JSON.parse(readFileSync(path, 'utf8')) as RawSnapshot
    const fields = snapshot.snapshot.meta.node_fields.length
    const ids = new Set<number>()
    for (let i = 2; i < snapshot.nodes.length; i += fields) ids.add(snapshot.nodes[i]!)
    return ids
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

interface RawSnapshot {
  snapshot: {
    meta: { node_fields: string[]; node_types: unknown[]; edge_fields: string[]; edge_types: unknown[] }
  }
  nodes: number[]
  edges: number[]
  strings: string[]
}
