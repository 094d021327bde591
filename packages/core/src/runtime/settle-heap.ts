import type { GarbageCollector } from './force-gc.js'
import { readHeapBytes } from './read-memory.js'

/**
 * Set after work that leaves garbage only a second or third full GC frees (a leak diagnosis:
 * inspector sessions, heap snapshots). The next check settles the heap before its baseline, or the
 * memory freed during its first window would cancel out the growth a leak shows there.
 */
let unsettled = false

export function markHeapUnsettled(): void {
  unsettled = true
}

/** Collects until two readings agree (at most a few times), when something left the heap unsettled. */
export function settleHeap(collect: GarbageCollector): void {
  if (!unsettled) return
  unsettled = false
  collect()
  let previous = readHeapBytes()
  for (let round = 0; round < 4; round++) {
    collect()
    const current = readHeapBytes()
    if (Math.abs(current - previous) <= 1024) return
    previous = current
  }
}
