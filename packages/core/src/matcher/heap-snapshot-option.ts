import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { writeHeapSnapshot } from 'node:v8'
import { InvalidOptionError } from '../errors/leakproof-error.js'
import type { LeakOptions } from '../options/resolve-options.js'

/** Options of the matchers and `leakCheck` beyond the detector's own. */
export interface LeakMatcherOptions extends LeakOptions {
  /**
   * `'on-leak'`: when the check finds a leak, write a `.heapsnapshot` of the test's process (for
   * Chrome DevTools › Memory) to `.leakproof/heap-snapshots/`, named after the test, and list it
   * in the reports. Takes about a second per 10-20 MB of heap.
   * @default false
   */
  heapSnapshot?: 'on-leak' | false
}

/** Where heap snapshots go, under the working directory (`.leakproof/` is the tool's own folder). */
export const heapSnapshotFolder = join('.leakproof', 'heap-snapshots')

/** Separates the option the detector does not know from those it does, validating it. */
export function splitHeapSnapshotOption(options: LeakMatcherOptions | undefined): {
  heapSnapshot: 'on-leak' | false
  detectorOptions: LeakOptions | undefined
} {
  if (options === null || typeof options !== 'object' || !('heapSnapshot' in options)) {
    return { heapSnapshot: false, detectorOptions: options }
  }
  const { heapSnapshot = false, ...detectorOptions } = options
  if (heapSnapshot !== false && heapSnapshot !== 'on-leak') {
    throw new InvalidOptionError('heapSnapshot', heapSnapshot, "'on-leak' or false")
  }
  return { heapSnapshot, detectorOptions }
}

/**
 * Writes a heap snapshot of this process while the leaked objects are still alive (the test still
 * holds them) and returns its path; undefined when it cannot be written, which must not fail a
 * test whose verdict is already known (the record then lists no snapshot).
 */
export function writeLeakSnapshot(
  testName: string | undefined,
  cwd: string = process.cwd(),
): string | undefined {
  const name =
    (testName ?? 'leak')
      .replace(/[^\w.-]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80) || 'leak'
  try {
    const folder = join(cwd, heapSnapshotFolder)
    mkdirSync(folder, { recursive: true })
    return writeHeapSnapshot(join(folder, `${name}-${process.pid}-${Date.now()}.heapsnapshot`))
  } catch {
    return undefined
  }
}
