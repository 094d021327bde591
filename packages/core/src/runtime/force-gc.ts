import v8 from 'node:v8'
import vm from 'node:vm'
import { GcUnavailableError } from '../errors/leakproof-error.js'

/** V8's `gc()` as exposed by `--expose-gc`. */
export type GarbageCollector = (options?: { type?: 'major' | 'minor'; execution?: 'sync' }) => void

let collector: GarbageCollector | undefined

/**
 * Returns V8's garbage collector without requiring `--expose-gc`.
 *
 * When `gc` is not a global, the flag is switched on just long enough to take `gc` from a fresh vm
 * context and switched off at once: otherwise every later context (the next Jest test file) would
 * see a `gc` global. The captured function keeps working after the flag is off.
 */
export function getGarbageCollector(): GarbageCollector {
  if (collector) return collector
  const global = (globalThis as { gc?: unknown }).gc
  if (typeof global === 'function') {
    collector = global as GarbageCollector
    return collector
  }
  // V8's flags are the process's: a Jest worker thread that switches the flag off between another
  // thread's switching it on and taking `gc` leaves that one without it (seen under load), so retry.
  let failure: unknown
  for (let attempt = 0; attempt < 8 && typeof collector !== 'function'; attempt++) {
    try {
      // The flag may already be on (e.g. NODE_OPTIONS) with `gc` deleted from this realm: leave it on.
      const exposed = vm.runInNewContext('typeof gc') === 'function'
      if (!exposed) v8.setFlagsFromString('--expose-gc')
      try {
        collector = vm.runInNewContext('gc') as GarbageCollector
      } finally {
        if (!exposed) v8.setFlagsFromString('--no-expose-gc')
      }
    } catch (error) {
      failure = error
    }
  }
  if (typeof collector !== 'function' && failure) throw new GcUnavailableError(failure)
  if (typeof collector !== 'function') throw new GcUnavailableError()
  return collector
}
