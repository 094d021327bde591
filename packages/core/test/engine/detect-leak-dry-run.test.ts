import { expect, test } from 'vitest'
import { detectLeak } from '../../src/index.js'
import { busyFor } from '../busy-for.js'

/** A flat costly function: 1 ms of busy waiting, nothing allocated. */
const busyMillisecond = () => busyFor(1)

// The first costly check of a file's copy of the engine runs the meter dry first. Without it (or
// with a dry run of a few windows), the meter's own feedback vectors and code grew 5-8 of a flat
// function's first 12 windows by 130-5,000 B each, and its clean verdict took twice the windows.
test("a file's first costly check sees none of the meter's own growth", () => {
  const result = detectLeak(busyMillisecond, { sites: false, retainers: false })
  expect(result.status, result.reason).toBe('clean')
  const grew = result.samples
    .slice(2, 13)
    .filter((sample, index) => sample.heapBytes - result.samples[index + 1]!.heapBytes > 128)
  // Measured in this worker: 5-8 such windows with a dry run of a few windows, 1-2 with this one
  // (optimised code of the meter may still come: its metadata lands in the heap).
  expect(grew.length, JSON.stringify(result.samples)).toBeLessThanOrEqual(3)
})
