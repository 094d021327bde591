import { closeSync, openSync, readSync } from 'node:fs'
import { StringDecoder } from 'node:string_decoder'

/** What a path search needs of a V8 heap snapshot: flat typed arrays and the names. */
export interface SnapshotParts {
  nodeFields: string[]
  edgeFields: string[]
  nodeTypes: string[]
  edgeTypes: string[]
  nodes: Uint32Array
  edges: Uint32Array
  strings: string[]
}

/** Names longer than this are cut: a path shows names, not the contents of long strings. */
const maxString = 120
const chunkBytes = 1 << 20

/**
 * Reads a `.heapsnapshot` file a megabyte at a time into typed arrays, without `JSON.parse` of the
 * whole file (which holds every number as a boxed value: 5-10x the file's size in the heap). With
 * `idsOnly`, stops after the nodes: a "before" snapshot is needed only for its node ids.
 */
export function readSnapshot(path: string, idsOnly = false): SnapshotParts {
  const reader = new ChunkReader(path)
  try {
    const header = JSON.parse(`${reader.until('"nodes":')}}`.replace(/,\s*}$/, '}')) as RawHeader
    const meta = header.snapshot.meta
    const nodes = reader.numbers(header.snapshot.node_count * meta.node_fields.length)
    const parts: SnapshotParts = {
      nodeFields: meta.node_fields,
      edgeFields: meta.edge_fields,
      nodeTypes: meta.node_types[0] as string[],
      edgeTypes: meta.edge_types[0] as string[],
      nodes,
      edges: new Uint32Array(0),
      strings: [],
    }
    if (idsOnly) return parts
    reader.until('"edges":')
    parts.edges = reader.numbers(header.snapshot.edge_count * meta.edge_fields.length)
    reader.until('"strings":')
    parts.strings = reader.strings()
    return parts
  } finally {
    reader.close()
  }
}

interface RawHeader {
  snapshot: {
    meta: { node_fields: string[]; node_types: unknown[]; edge_fields: string[]; edge_types: unknown[] }
    node_count: number
    edge_count: number
  }
}

/** Sequential access to a large text file through a one-chunk window. */
class ChunkReader {
  readonly #fd: number
  readonly #buffer = Buffer.alloc(chunkBytes)
  readonly #decoder = new StringDecoder('utf8')
  #text = ''
  #at = 0
  #done = false

  constructor(path: string) {
    this.#fd = openSync(path, 'r')
  }

  close(): void {
    closeSync(this.#fd)
  }

  /** The text up to `marker`, which is consumed too. */
  until(marker: string): string {
    let skipped = ''
    for (;;) {
      const found = this.#text.indexOf(marker, this.#at)
      if (found !== -1) {
        skipped += this.#text.slice(this.#at, found)
        this.#at = found + marker.length
        return skipped
      }
      // Keep a marker's length of overlap: it may straddle two chunks.
      const keep = Math.max(this.#at, this.#text.length - marker.length)
      skipped += this.#text.slice(this.#at, keep)
      this.#at = keep
      if (!this.#more()) throw new Error(`the heap snapshot has no ${marker}`)
    }
  }

  /** The array of integers that starts here (`[1,2,...]`), `count` of them. */
  numbers(count: number): Uint32Array {
    const values = new Uint32Array(count)
    let n = 0
    let value = 0
    let inNumber = false
    this.until('[')
    for (;;) {
      const text = this.#text
      for (let i = this.#at; i < text.length; i++) {
        const code = text.charCodeAt(i)
        if (code >= 48 && code <= 57) {
          value = value * 10 + (code - 48)
          inNumber = true
        } else {
          if (inNumber && n < count) values[n++] = value
          value = 0
          inNumber = false
          if (code === 93) {
            this.#at = i + 1
            return values
          }
        }
      }
      this.#at = text.length
      if (!this.#more()) return values
    }
  }

  /** The array of JSON strings that starts here. */
  strings(): string[] {
    const strings: string[] = []
    this.until('[')
    for (;;) {
      const open = this.#text.indexOf('"', this.#at)
      // Only the gap before the next string may hold the closing bracket (searching further for it
      // on every string would read the rest of the chunk each time).
      const gapEnd = open === -1 ? this.#text.length : open
      if (this.#text.slice(this.#at, gapEnd).includes(']')) return strings
      if (open === -1) {
        this.#at = this.#text.length
        if (!this.#more()) return strings
        continue
      }
      const end = this.#stringEnd(open)
      if (end === -1) {
        if (!this.#more()) return strings
        continue
      }
      const raw = this.#text.slice(open, end + 1)
      const value = raw.includes('\\') ? safeParse(raw) : raw.slice(1, -1)
      strings.push(value.length > maxString ? value.slice(0, maxString) : value)
      this.#at = end + 1
    }
  }

  /** Index of the quote closing the string opened at `open`, or -1 when it is in a later chunk. */
  #stringEnd(open: number): number {
    const text = this.#text
    for (let i = open + 1; i < text.length; i++) {
      const code = text.charCodeAt(i)
      if (code === 92) i++
      else if (code === 34) return i
    }
    return -1
  }

  /** Appends the next chunk, dropping what was consumed; false at the end of the file. */
  #more(): boolean {
    if (this.#done) return false
    const read = readSync(this.#fd, this.#buffer, 0, chunkBytes, null)
    if (read === 0) {
      this.#done = true
      return false
    }
    // The decoder keeps a multi-byte character cut at the chunk's end for the next chunk.
    this.#text = this.#text.slice(this.#at) + this.#decoder.write(this.#buffer.subarray(0, read))
    this.#at = 0
    return true
  }
}

function safeParse(raw: string): string {
  try {
    return JSON.parse(raw) as string
  } catch {
    return raw.slice(1, -1)
  }
}
