import type { GarbageCollector } from './force-gc.js'
import { readCodeBytes, readExternalBytes, readHeapBytes } from './read-memory.js'

/** Memory right after a full GC. */
export interface MemorySample {
  heapBytes: number
  externalBytes: number
  codeBytes: number
}

/**
 * Forces a full GC and reads memory as it left it.
 *
 * External memory is read after a scavenge: the ArrayBuffers (Buffers) a full GC found dead stay in
 * V8's `external_memory` until its concurrent ArrayBuffer sweeper finishes, after the GC returns, and
 * a scavenge waits for that (0.1-0.2 ms once it is done). Measured: 5,000 dead 1 KB Buffers were all
 * still counted right after the GC, and gone after the scavenge. Without it, a window of garbage
 * Buffers (zlib's output, a temporary Buffer per call) looked retained until a second full GC: a
 * 1 ms deflate took ~90 GCs for a verdict, not ~55. The heap is read before the scavenge, which moves
 * the objects the reads themselves allocate.
 */
export function sampleAfterGc(collect: GarbageCollector): MemorySample {
  collect()
  const heapBytes = readHeapBytes()
  const codeBytes = readCodeBytes()
  collect({ type: 'minor' })
  return { heapBytes, externalBytes: readExternalBytes(), codeBytes }
}
