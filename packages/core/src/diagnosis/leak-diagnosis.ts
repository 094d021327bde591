import { describeError } from '../errors/leakproof-error.js'
import type { LeakSite, TraceFrame } from '../result/leak-site.js'
import type { RetainerTarget } from './retainers/retainer-target.js'
import { allocatingLine, allocatingNear, isNotPerCall, type NearLine } from './sites/allocating-line.js'
import { AllocationProfiler, type SurvivingAllocation } from './sites/allocation-profiler.js'
import { inferStore } from './sites/infer-store.js'
import { leakingAllocations } from './sites/leaking-allocations.js'
import { StoreTracker } from './sites/store-tracker.js'
import type { CodeScope } from './source/classify-frame.js'
import { leakproofRoots } from './source/leakproof-root.js'
import { readSourceLine } from './source/read-source-line.js'

/** What the diagnosis pass is told. */
export interface DiagnosisSettings {
  traceback: boolean
  /** Keep the harness's frames in tracebacks. */
  debug: boolean
  include: readonly string[]
  exclude: readonly string[]
  /** Estimated growth per call, from the verdict, shared out between the sites. */
  bytesPerIteration: number
}

/** Sites must keep at least this many values per call to be named (1 in 1,000 calls). */
const minCountPerIteration = 0.001
/** Calls the pass makes at least (a bounded buffer of 10 must be seen dropping values) ... */
const minCalls = 30
/** ... and at least this many, or for this long, before it may stop on a leaking line ... */
const usualCalls = 200
const usualMs = 250
/** ... which must have kept this many values. */
const minKept = 3
const maxSites = 5

/**
 * The second pass after a leak verdict: runs a few more calls with the structures of the function's
 * realm instrumented, then names the lines whose insertions stayed.
 */
export class LeakDiagnosis {
  readonly #tracker: StoreTracker
  readonly #scope: CodeScope
  readonly #settings: DiagnosisSettings
  readonly notes: string[] = []
  #profiler: AllocationProfiler | undefined
  #calls = 0
  #retainerTarget: RetainerTarget | undefined
  /** The most leaking line's call chain, kept when tracebacks are off: it locates allocations. */
  #topTraceback: TraceFrame[] | undefined
  /** The kind of value it stores (`number`, `Object`, `(closure)`): numbers allocate nothing. */
  #storedKind = ''

  constructor(settings: DiagnosisSettings) {
    this.#settings = settings
    this.#scope = { include: settings.include, exclude: settings.exclude, leakproofRoots }
    this.#tracker = new StoreTracker(this.#scope, settings.debug)
  }

  #fn: unknown

  start(fn: unknown): void {
    this.#fn = fn
    try {
      this.#profiler = new AllocationProfiler(this.#scope)
    } catch (error) {
      this.notes.push(
        `the heap profiler is not available, so no "allocated in" function: ${describeError(error)}`,
      )
    }
    this.#tracker.start(fn)
  }

  beginCall(): void {
    this.#tracker.beginCall(++this.#calls)
  }

  stop(): void {
    this.#tracker.stop()
  }

  /**
   * Whether the pass has seen enough after `made` calls in `elapsedMs`: a line that kept several
   * values, after the usual number of calls. Until then the pass goes on (to its own limit), so an
   * insertion made once every few hundred calls is seen too.
   */
  enough(made: number, elapsedMs: number): boolean {
    if (made < minCalls || (made < usualCalls && elapsedMs < usualMs)) return false
    // Tallying checks every insertion: only every 32 calls.
    if (made % 32 !== 0 && made !== usualCalls) return false
    return this.#tracker.hasLeakingSite(minKept)
  }

  /**
   * The leaking lines. `collectGarbage` (a full GC) runs once the tracker has let go of what it
   * recorded and before the heap profile is read, so that the profile holds only allocations that
   * survived: the tracker's records hold every value stored into a long-lived structure, per-call
   * garbage pushed and popped again too.
   */
  sites(collectGarbage: () => void): LeakSite[] {
    const fn = this.#fn
    // No reference to the function may outlive this: the retainer pass would see leakproof
    // holding the leak.
    this.#fn = undefined
    const tracked = this.#storedAt()
    collectGarbage()
    const allocations = this.#allocations()
    const total = allocations.reduce((sum, allocation) => sum + allocation.bytes, 0)
    const chain = this.#topTraceback?.filter((frame) => frame.owner === 'user')
    const near = tracked[0] && allocatingNear(tracked[0])
    const leaking = leakingAllocations(
      allocations,
      chain && { chain, kind: this.#storedKind, madeAtStore: near?.makesValue === true },
    )
    const storedAt = tracked.length > 0 ? tracked : this.#inferredStore(leaking[0], total, fn)
    const allocatedIn = this.#allocatedIn(leaking, total, storedAt[0])
    if (allocatedIn.length > 0) return [...storedAt, ...allocatedIn]
    return [...storedAt, ...this.#allocatedAtStore(storedAt[0], near)]
  }

  /**
   * The profiler saw nothing of the leak (external memory, a grown backing store, numbers, a small
   * leak it sampled nothing of): the storing line's value.
   */
  #allocatedAtStore(storedAt: LeakSite | undefined, known?: NearLine): LeakSite[] {
    const near = known ?? (storedAt && allocatingNear(storedAt))
    if (!storedAt || !near) return []
    return [
      {
        kind: 'allocated-in',
        file: storedAt.file,
        line: near.line,
        column: near.column,
        functionName: storedAt.functionName,
        source: near.source,
        bytesPerIteration: this.#settings.bytesPerIteration,
        countPerIteration: storedAt.countPerIteration,
      },
    ]
  }

  /** No instrumented operation stored the leak: the line found in the source, if any. */
  #inferredStore(allocating: SurvivingAllocation | undefined, total: number, fn: unknown): LeakSite[] {
    const share = allocating ? allocating.bytes / total : 1
    const inferred = inferStore(allocating, fn, this.#settings.bytesPerIteration * share)
    if (!inferred) return []
    this.#retainerTarget = inferred.target
    return [inferred.site]
  }

  /** The functions whose sampled allocations survived, most bytes first. */
  #allocations(): SurvivingAllocation[] {
    const profiler = this.#profiler
    this.#profiler = undefined
    if (!profiler) return []
    try {
      return profiler.finish()
    } catch (error) {
      this.notes.push(`the heap profile could not be read: ${describeError(error)}`)
      return []
    }
  }

  #allocatedIn(
    allocations: SurvivingAllocation[],
    total: number,
    storedAt: LeakSite | undefined,
  ): LeakSite[] {
    const calls = Math.max(1, this.#calls)
    return allocations
      .flatMap((allocation) => {
        const header = readSourceLine(allocation.file, allocation.line)
        // The profiler knows the function, not the line: name the line in it that allocates.
        const stored = storedAt && { ...storedAt, traceback: storedAt.traceback ?? this.#topTraceback }
        const inside = allocatingLine(allocation.file, allocation.line, allocation.column, stored)
        if (!inside && isNotPerCall(header)) return []
        return [
          {
            kind: 'allocated-in' as const,
            file: allocation.file,
            line: inside?.line ?? allocation.line,
            column: inside?.column ?? allocation.column,
            functionName: allocation.functionName,
            source: inside?.source ?? header,
            bytesPerIteration: (this.#settings.bytesPerIteration * allocation.bytes) / total,
            countPerIteration: allocation.bytes / calls,
          },
        ]
      })
      .slice(0, 2)
  }

  /**
   * The structure the most leaking line stores into, in a holder the retainer pass can recognise
   * (and look past); the diagnosis keeps no reference of its own to it afterwards.
   */
  takeRetainerTarget(): RetainerTarget | undefined {
    const target = this.#retainerTarget
    this.#retainerTarget = undefined
    return target
  }

  /** Releases the profiler when the pass ends early. */
  dispose(): void {
    this.#profiler?.stop()
    this.#profiler = undefined
  }

  #storedAt(): LeakSite[] {
    const calls = Math.max(1, this.#calls)
    const tallies = this.#tracker
      .tally()
      .map((tally) => ({ ...tally, countPerIteration: tally.kept / calls }))
      // Most of what a leaking line stores stays; a bounded buffer keeps only its last few.
      .filter(
        (tally) =>
          tally.countPerIteration >= minCountPerIteration &&
          tally.kept >= minKept &&
          tally.kept >= tally.stored / 2,
      )
      .sort((a, b) => b.countPerIteration - a.countPerIteration)
      .slice(0, maxSites)
    const total = tallies.reduce((sum, tally) => sum + tally.countPerIteration, 0)
    const top = tallies[0]
    this.#topTraceback = top?.traceback
    this.#storedKind = top?.describeKind() ?? ''
    if (top)
      this.#retainerTarget = {
        // Timers have no structure of the user's: Node's timer list holds them.
        ...(top.structure ? { structure: top.structure } : { knownPath: [top.target] }),
        value: top.describeValue(),
        object: this.#storedKind,
        line: top.traceback.find((frame) => frame.owner === 'user')?.line ?? 0,
        countPerIteration: top.countPerIteration,
      }
    this.#tracker.release()
    return tallies.map((tally) => {
      const site = tally.traceback.find((frame) => frame.owner === 'user')!
      return {
        kind: 'stored-at' as const,
        file: site.file,
        line: site.line,
        column: site.column,
        functionName: site.functionName,
        source: readSourceLine(site.file, site.line),
        operation: tally.operation,
        target: tally.target,
        bytesPerIteration: (this.#settings.bytesPerIteration * tally.countPerIteration) / total,
        countPerIteration: tally.countPerIteration,
        ...(this.#settings.traceback ? { traceback: tally.traceback } : {}),
      }
    })
  }
}
