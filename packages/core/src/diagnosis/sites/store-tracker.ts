import type { TraceFrame } from '../../result/leak-site.js'
import { realmOf } from '../../runtime/realm-of.js'
import { type CodeScope, classifyFrame } from '../source/classify-frame.js'
import type { StackFrame } from '../source/parse-stack.js'
import { captureFrames, stackSignature } from './capture-frames.js'
import { describeValue, valueKind } from './describe-value.js'
import { patchEmitter, patchEventTarget } from './patch-listeners.js'
import { patchRegistries } from './patch-registries.js'
import { patchRealm } from './patch-structures.js'
import type { StoreRecorder } from './store-recorder.js'

/** One insertion into a structure that outlived the call that made it. */
interface StoreOperation {
  operation: string
  siteKey: string
  traceback: TraceFrame[]
  stillStored: () => boolean
  describeTarget: () => string
  /** The collection, listener list's owner or event target (not kept for timers). */
  structure: object | undefined
  /**
   * What was stored, described only when reported. Held like `stillStored` holds it, until
   * `release()`: not through a `WeakRef`, whose target stays alive until the synchronous job ends,
   * which for a sync function is after the whole diagnosis (heap profile and retainer pass).
   */
  sample: unknown
}

/** What a site did over the diagnosis calls. */
export interface StoreSiteTally {
  operation: string
  traceback: TraceFrame[]
  target: string
  structure: object | undefined
  /** A value the site stored that is still stored, printed: `{"id": 7, "user": "ada"}` ('' if none). */
  describeValue: () => string
  /** Its kind: `Session`, `Object`, `(closure)`. */
  describeKind: () => string
  stored: number
  kept: number
}

type Patch = { owner: object; name: string; original: unknown }

const maxOperations = 20_000
const maxStacks = 2_000

/**
 * Records, while a few diagnosis calls run, every insertion into a collection, listener list or
 * timer list that received insertions in an earlier call too (a long-lived structure), with a
 * line-exact stack. Afterwards, the insertions whose value is still stored name the leaking lines.
 */
export class StoreTracker implements StoreRecorder {
  readonly #scope: CodeScope
  readonly #patches: Patch[] = []
  #firstCall = new WeakMap<object, number>()
  readonly #operations: StoreOperation[] = []
  /** Timers cleared while tracking. */
  readonly cleared = new WeakSet<object>()
  #removedListeners = new WeakMap<object, Set<unknown>>()
  /** Mapped tracebacks by raw stack: mapping through source maps is the costly part of a record. */
  readonly #tracebacks = new Map<string, TraceFrame[]>()
  #call = 0
  #stacks = 0
  #generation = 0

  get generation(): number {
    return this.#generation
  }
  #active = false
  /** Above 0 inside a tracked operation or inside the tracker: nested operations are its own. */
  #depth = 0

  readonly #untrimmed: boolean

  constructor(scope: CodeScope, untrimmed = false) {
    this.#scope = scope
    this.#untrimmed = untrimmed
  }

  /** Patches the structures of `fn`'s realm (and ours, when it differs). */
  start(fn: unknown): void {
    const realms = new Set([realmOf(fn), globalThis])
    for (const realm of realms) {
      patchRealm(this, realm)
      patchEventTarget(this, realm)
      patchRegistries(this, realm)
    }
    patchEmitter(this)
    this.#active = true
  }

  /** Marks the start of diagnosis call number `call` (from 1). */
  beginCall(call: number): void {
    this.#call = call
  }

  /**
   * Forgets every operation: its closures hold the structures (and what was stored, garbage too),
   * which must not show up as retainers nor as surviving allocations in the heap profile; and the
   * tables the tracker grew while the profiler sampled, which would be charged to the user's code.
   */
  release(): void {
    this.#operations.length = 0
    this.#tracebacks.clear()
    this.#firstCall = new WeakMap()
    this.#removedListeners = new WeakMap()
  }

  stop(): void {
    this.#active = false
    for (const { owner, name, original } of this.#patches.reverse()) {
      ;(owner as Record<string, unknown>)[name] = original
    }
    this.#patches.length = 0
  }

  /** Sites that stored values in long-lived structures, with how many of them are still there. */
  tally(): StoreSiteTally[] {
    this.#generation++
    const sites = new Map<string, StoreSiteTally>()
    for (const op of this.#operations) {
      let site = sites.get(op.siteKey)
      if (!site) {
        site = {
          operation: op.operation,
          traceback: op.traceback,
          target: op.describeTarget(),
          structure: op.structure,
          describeValue: () => '',
          describeKind: () => '',
          stored: 0,
          kept: 0,
        }
        sites.set(op.siteKey, site)
      }
      site.stored++
      if (op.stillStored()) {
        // Described on demand: this runs every 32 calls, and only the reported sites need it.
        if (site.kept === 0) {
          const sample = op.sample
          site.describeValue = () => describeValue(sample)
          site.describeKind = () => valueKind(sample)
        }
        site.kept++
      }
    }
    return [...sites.values()]
  }

  /**
   * Whether some line already kept `minKept` values, most of what it stored: enough to name it. A
   * line that stores once in hundreds of calls needs a longer watch than one that stores every call.
   */
  hasLeakingSite(minKept: number): boolean {
    this.#depth++
    try {
      return this.tally().some((site) => site.kept >= minKept && site.kept >= site.stored / 2)
    } finally {
      this.#depth--
    }
  }

  /** Calls an original method; insertions it makes internally (a listener array's push) are its own. */
  invoke(original: unknown, thisArg: unknown, args: unknown[]): unknown {
    this.#depth++
    try {
      return (original as (...a: unknown[]) => unknown).apply(thisArg, args)
    } finally {
      this.#depth--
    }
  }

  wrap(owner: object, name: string, make: (original: unknown) => unknown): void {
    const original = (owner as Record<string, unknown>)[name]
    if (typeof original !== 'function') return
    this.#patches.push({ owner, name, original })
    ;(owner as Record<string, unknown>)[name] = make(original)
  }

  /** Listeners removed from `target` while tracking. */
  removedListeners(target: object): Set<unknown> {
    let removed = this.#removedListeners.get(target)
    if (!removed) {
      removed = new Set()
      this.#removedListeners.set(target, removed)
    }
    return removed
  }

  /**
   * Keeps an operation when its structure already received one in an earlier call (or is a timer
   * list): structures made and dropped within one call cannot leak.
   */
  record(
    structure: object,
    operation: string,
    patched: unknown,
    stillStored: () => boolean,
    describeTarget: () => string,
    stored: unknown,
    alwaysLongLived = false,
  ): void {
    if (!this.#active || this.#depth > 0 || this.#operations.length >= maxOperations) return
    // Our own bookkeeping pushes into arrays too: those calls must not record themselves.
    this.#depth++
    try {
      const first = this.#firstCall.get(structure)
      if (first === undefined) this.#firstCall.set(structure, this.#call)
      if (!alwaysLongLived && (first === undefined || first === this.#call)) return
      const signature = stackSignature(patched)
      let traceback = this.#tracebacks.get(signature)
      if (!traceback) {
        if (this.#stacks >= maxStacks) return
        this.#stacks++
        traceback = this.#traceback(captureFrames(patched))
        this.#tracebacks.set(signature, traceback)
      }
      const site = traceback.find((frame) => frame.owner === 'user')
      if (!site) return
      this.#operations.push({
        operation,
        siteKey: `${operation} ${site.file}:${site.line}:${site.column}`,
        traceback,
        stillStored,
        describeTarget,
        structure: alwaysLongLived ? undefined : structure,
        // Printing the value here would cost every insertion a walk of what it stored.
        sample: stored,
      })
    } finally {
      this.#depth--
    }
  }

  /** Frames from the operation out to the call leakproof made; the harness beyond is dropped. */
  #traceback(stack: StackFrame[]): TraceFrame[] {
    const frames: TraceFrame[] = []
    for (const frame of stack) {
      const owner = classifyFrame(frame, this.#scope)
      if (owner === 'leakproof' && !this.#untrimmed) {
        if (frames.length > 0) break
        continue
      }
      frames.push({ ...frame, owner })
    }
    return frames
  }
}
