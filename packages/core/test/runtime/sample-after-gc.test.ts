import { describe, expect, test } from 'vitest'
import { getGarbageCollector } from '../../src/runtime/force-gc.js'
import { sampleAfterGc } from '../../src/runtime/sample-after-gc.js'

/** Allocates `count` Buffers of 1 KB each and keeps the first `kept` of them. */
function allocateBuffers(count: number, kept: number): Buffer[] {
  const keep: Buffer[] = []
  for (let index = 0; index < count; index++) {
    const buffer = Buffer.alloc(1024, index)
    if (index < kept) keep.push(buffer)
  }
  return keep
}

describe('sampleAfterGc', () => {
  const collect = getGarbageCollector()

  test('no longer counts the dead Buffers of a window in external memory', () => {
    const before = sampleAfterGc(collect)
    for (let round = 0; round < 5; round++) {
      // ~5 MB of garbage Buffers: a full GC alone left them counted until its sweeper finished.
      allocateBuffers(5000, 0)
      const after = sampleAfterGc(collect)
      expect(after.externalBytes - before.externalBytes).toBeLessThan(64 * 1024)
    }
  })

  test('still counts the Buffers that are kept', () => {
    const before = sampleAfterGc(collect)
    const kept = allocateBuffers(5000, 2000)
    const after = sampleAfterGc(collect)
    expect(after.externalBytes - before.externalBytes).toBeGreaterThanOrEqual(2000 * 1024)
    expect(kept).toHaveLength(2000)
  })
})
