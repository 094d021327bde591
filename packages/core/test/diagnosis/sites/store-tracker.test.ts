import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import v8 from 'node:v8'
import { expect, test } from 'vitest'
import { StoreTracker } from '../../../src/diagnosis/sites/store-tracker.js'
import { leakproofRoots } from '../../../src/diagnosis/source/leakproof-root.js'
import { getGarbageCollector } from '../../../src/runtime/force-gc.js'

const scope = {
  include: [dirname(fileURLToPath(import.meta.url))],
  exclude: ['/node_modules/'],
  leakproofRoots,
}

/** A value a view library pushes onto its long-lived stack and pops again in the same call. */
class Reaction {}

function render(stack: Reaction[]): void {
  stack.push(new Reaction())
  stack.pop()
}

const live = () => v8.queryObjects(Reaction, { format: 'count' }) as number

test('once released, the tracker keeps nothing alive that it saw stored, in the same synchronous job', () => {
  const stack: Reaction[] = []
  const tracker = new StoreTracker(scope)
  tracker.start(render)
  try {
    for (let call = 1; call <= 50; call++) {
      tracker.beginCall(call)
      render(stack)
    }
  } finally {
    tracker.stop()
  }
  // Recorded from the second call on, and popped again: not a leaking line.
  expect(tracker.tally()).toMatchObject([{ operation: 'Array.prototype.push', stored: 49, kept: 0 }])
  tracker.release()
  getGarbageCollector()()
  // A `WeakRef` to each would keep all 49 alive until this job ends (after the heap profile is read).
  expect(live()).toBe(0)
})
