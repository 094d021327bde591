import type { LeakSite } from './leak-site.js'
import type { RetainerPath } from './retainer-path.js'

/** One measurement: memory right after a full garbage collection, once `iteration` calls were made. */
export interface LeakSample {
  iteration: number
  heapBytes: number
  externalBytes: number
}

/** What the verdict rests on, shared by every kind of result. */
interface LeakResultBase {
  /** Estimated retained growth per call, heap plus external memory, over the last windows measured. */
  bytesPerIteration: number
  /** Calls made, warm-up included. */
  iterations: number
  /** The whole check, diagnosis included. */
  durationMs: number
  /** Time to the verdict, without the diagnosis. */
  verdictMs: number
  /** Full garbage collections forced: nearly all of the verdict's cost. */
  collections: number
  /** Whether the function returned promises (awaited one at a time). */
  async: boolean
  samples: LeakSample[]
  /** One sentence saying why the verdict is what it is. */
  reason: string
}

export interface CleanResult extends LeakResultBase {
  status: 'clean'
  leaked: false
  /** The smallest leak, in bytes per call, that this verdict rules out. */
  resolution: number
}

export interface LeakingResult extends LeakResultBase {
  status: 'leaking'
  leaked: true
  /** Where the leak comes from, most leaking first (when the `sites` option is on). */
  sites?: LeakSite[]
  /** Who keeps the leaked objects alive (when the `retainers` option is on and the heap is small enough). */
  retainers?: RetainerPath[]
  /** What the diagnosis pass could not find, and why; the verdict stands regardless. */
  diagnosisNotes?: string[]
  /** Time the diagnosis took. */
  diagnosisMs?: number
}

export interface InconclusiveResult extends LeakResultBase {
  status: 'inconclusive'
  leaked: false
}

/** The verdict of `detectLeak`: discriminate on `status`. */
export type LeakResult = CleanResult | LeakingResult | InconclusiveResult

export type LeakStatus = LeakResult['status']
