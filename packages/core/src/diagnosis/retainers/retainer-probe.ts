import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import v8 from 'node:v8'
import type { RetainerPath } from '../../result/retainer-path.js'
import { getGarbageCollector } from '../../runtime/force-gc.js'
import { InspectorSession } from '../../runtime/inspector-session.js'
import { readHeapBytes } from '../../runtime/read-memory.js'
import { findPathTo, findRetainers } from './find-retainers.js'
import { HeapSnapshot } from './heap-snapshot.js'
import type { RetainerTarget } from './retainer-target.js'

/**
 * Who keeps the leak alive, from heap snapshots. When the diagnosis found the structure the leak
 * is stored in, one snapshot suffices: the shortest strong path from a GC root to that structure.
 * Otherwise two, before and after a few calls: the objects new in the second are what leaked.
 * Snapshots cost about a second per 10-20 MB of heap, so the probe refuses heaps above
 * `maxHeapBytes`. Snapshots are written to files before any is parsed: parsing in the heap would
 * pollute a later snapshot.
 */
export class RetainerProbe {
  readonly #folder = mkdtempSync(join(tmpdir(), 'leakproof-snapshots-'))
  readonly #before: string | undefined

  private constructor(twoSnapshots: boolean) {
    if (!twoSnapshots) return
    this.#before = join(this.#folder, 'before.heapsnapshot')
    getGarbageCollector()()
    v8.writeHeapSnapshot(this.#before)
  }

  /** Says why snapshots would be too slow, or undefined when the heap is small enough. */
  static refusal(maxHeapBytes: number): string | undefined {
    const heap = readHeapBytes()
    if (heap <= maxHeapBytes) return undefined
    return (
      `retainer paths skipped: the heap holds ${Math.round(heap / 2 ** 20)} MB, more than ` +
      `retainersMaxHeap (${Math.round(maxHeapBytes / 2 ** 20)} MB), and snapshots of it would be slow`
    )
  }

  /** One snapshot: the path to the structure the leak is stored in, then what it holds. */
  static pathTo(target: RetainerTarget & { structure: object }): RetainerPath[] {
    const probe = new RetainerProbe(false)
    const session = new InspectorSession()
    try {
      const after = join(probe.#folder, 'after.heapsnapshot')
      getGarbageCollector()()
      v8.writeHeapSnapshot(after)
      // Objects get their snapshot ids in a snapshot: ask for the structure's id after it.
      const id = heapObjectId(session, target.structure)
      const holder = heapObjectId(session, target)
      session.disconnect()
      const snapshot = HeapSnapshot.read(after)
      const path = findPathTo(snapshot, id, holder)
      if (!path) return []
      const { value, object, countPerIteration } = target
      return [{ object, countPerIteration, bytesPerIteration: 0, path: [...path, value] }]
    } finally {
      session.disconnect()
      probe.dispose()
    }
  }

  /** Two snapshots: call `finish` after the calls. */
  static start(): RetainerProbe {
    return new RetainerProbe(true)
  }

  finish(calls: number): RetainerPath[] {
    try {
      const after = join(this.#folder, 'after.heapsnapshot')
      getGarbageCollector()()
      v8.writeHeapSnapshot(after)
      const before = HeapSnapshot.readIds(this.#before!)
      return findRetainers(before, HeapSnapshot.read(after), calls)
    } finally {
      this.dispose()
    }
  }

  dispose(): void {
    rmSync(this.#folder, { recursive: true, force: true })
  }
}

/**
 * The heap snapshot id of a live object. The inspector names objects only through expressions in
 * the main realm, so the object is parked on the `node:v8` module, which every realm shares (Jest
 * gives tests a `process` of their own), just long enough.
 */
function heapObjectId(session: InspectorSession, object: object): number {
  const key = `__leakproofProbe${process.pid}`
  const parking = v8 as unknown as Record<string, unknown>
  try {
    parking[key] = object
    session.post('HeapProfiler.enable')
    const { result } = session.post<{ result: { objectId?: string } }>('Runtime.evaluate', {
      expression: `process.getBuiltinModule('node:v8')[${JSON.stringify(key)}]`,
      objectGroup: 'leakproof',
    })
    if (!result.objectId) throw new Error('the inspector could not name the leaking structure')
    const { heapSnapshotObjectId } = session.post<{ heapSnapshotObjectId: string }>(
      'HeapProfiler.getHeapObjectId',
      {
        objectId: result.objectId,
      },
    )
    session.post('Runtime.releaseObjectGroup', { objectGroup: 'leakproof' })
    return Number(heapSnapshotObjectId)
  } finally {
    delete parking[key]
  }
}
