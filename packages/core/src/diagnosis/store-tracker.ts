import { EventEmitter } from 'node:events'
import { inspect } from 'node:util'
import { captureFrames } from './capture-frames.js'
import { type CodeScope, classifyFrame } from './classify-frame.js'
import type { TraceFrame } from './leak-site.js'
import type { StackFrame } from './parse-stack.js'
import { realmOf } from './realm-of.js'

/** One insertion into a structure that outlived the call that made it. */
interface StoreOperation {
  operation: string
  siteKey: string
  traceback: TraceFrame[]
  stillStored: () => boolean
  describeTarget: () => string
  /** The collection, listener list's owner or event target (not kept for timers). */
  structure: object | undefined
  /** What was stored, e.g. `Session { id, user }`. */
  value: string
}

/** What a site did over the diagnosis calls. */
export interface StoreSiteTally {
  operation: string
  traceback: TraceFrame[]
  target: string
  structure: object | undefined
  value: string
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
export class StoreTracker {
  readonly #scope: CodeScope
  readonly #patches: Patch[] = []
  readonly #firstCall = new WeakMap<object, number>()
  readonly #operations: StoreOperation[] = []
  readonly #cleared = new WeakSet<object>()
  readonly #removedListeners = new WeakMap<object, Set<unknown>>()
  #call = 0
  #stacks = 0
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
    for (const realm of realms) this.#patchRealm(realm)
    this.#patchEmitter()
    this.#active = true
  }

  /** Marks the start of diagnosis call number `call` (from 1). */
  beginCall(call: number): void {
    this.#call = call
  }

  /** Forgets every operation: its closures hold the structures, which must not show up as retainers. */
  release(): void {
    this.#operations.length = 0
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
    const sites = new Map<string, StoreSiteTally>()
    for (const op of this.#operations) {
      let site = sites.get(op.siteKey)
      if (!site) {
        site = {
          operation: op.operation,
          traceback: op.traceback,
          target: op.describeTarget(),
          structure: op.structure,
          value: op.value,
          stored: 0,
          kept: 0,
        }
        sites.set(op.siteKey, site)
      }
      site.stored++
      if (op.stillStored()) site.kept++
    }
    return [...sites.values()]
  }

  #patchRealm(realm: typeof globalThis): void {
    const tracker = this
    const { Array: RealmArray, Map: RealmMap, Set: RealmSet } = realm
    this.#wrap(
      RealmArray.prototype,
      'push',
      (original) =>
        function push(this: unknown[], ...items: unknown[]) {
          const length = tracker.#invoke(original, this, items) as number
          for (let i = 0; i < items.length; i++) {
            const index = length - items.length + i
            const value = items[i]
            tracker.#record(
              this,
              'Array.prototype.push',
              push,
              () => this[index] === value || includes(this, value),
              () => `Array (${this.length.toLocaleString('en-US')} items)`,
              value,
            )
          }
          return length
        },
    )
    this.#wrap(
      RealmMap.prototype,
      'set',
      (original) =>
        function set(this: Map<unknown, unknown>, key: unknown, value: unknown) {
          const result = tracker.#invoke(original, this, [key, value])
          const has = RealmMap.prototype.has
          const get = RealmMap.prototype.get
          tracker.#record(
            this,
            'Map.prototype.set',
            set,
            () => has.call(this, key) && get.call(this, key) === value,
            () => `Map (${this.size.toLocaleString('en-US')} entries)`,
            value,
          )
          return result
        },
    )
    this.#wrap(
      RealmSet.prototype,
      'add',
      (original) =>
        function add(this: Set<unknown>, value: unknown) {
          const result = tracker.#invoke(original, this, [value])
          const has = RealmSet.prototype.has
          tracker.#record(
            this,
            'Set.prototype.add',
            add,
            () => has.call(this, value),
            () => `Set (${this.size.toLocaleString('en-US')} values)`,
            value,
          )
          return result
        },
    )
    const eventTarget = realm.EventTarget?.prototype
    if (eventTarget) {
      this.#wrap(
        eventTarget,
        'removeEventListener',
        (original) =>
          function (this: object, type: string, listener: unknown, ...rest: unknown[]) {
            tracker.#removed(this).add(listener)
            return tracker.#invoke(original, this, [type, listener, ...rest])
          },
      )
      this.#wrap(
        eventTarget,
        'addEventListener',
        (original) =>
          function addEventListener(this: object, type: string, listener: unknown, ...rest: unknown[]) {
            const result = tracker.#invoke(original, this, [type, listener, ...rest])
            tracker.#record(
              this,
              'EventTarget.prototype.addEventListener',
              addEventListener,
              () => !tracker.#removed(this).has(listener),
              () => `${this.constructor?.name ?? 'EventTarget'} '${type}' listeners`,
              listener,
            )
            return result
          },
      )
    }
    this.#wrap(
      realm.Promise.prototype,
      'then',
      (original) =>
        function then(this: Promise<unknown>, ...handlers: unknown[]) {
          const result = tracker.#invoke(original, this, handlers)
          if (isPending(this)) {
            tracker.#record(
              this,
              'Promise.prototype.then',
              then,
              () => isPending(this),
              () => 'a pending Promise',
              handlers[0],
            )
          }
          return result
        },
    )
    this.#wrapTimer(realm, 'setInterval', 'clearInterval', () => true)
    // A timer that outlives the measurement holds its callback's closure: a leak while it waits.
    this.#wrapTimer(realm, 'setTimeout', 'clearTimeout', (delay) => delay >= 1000)
  }

  #patchEmitter(): void {
    const tracker = this
    for (const name of ['on', 'addListener', 'prependListener'] as const) {
      this.#wrap(
        EventEmitter.prototype,
        name,
        (original) =>
          function on(this: EventEmitter, event: string | symbol, listener: (...args: unknown[]) => void) {
            const result = tracker.#invoke(original, this, [event, listener])
            tracker.#record(
              this,
              `EventEmitter.prototype.${name}`,
              on,
              () => this.listeners(event).includes(listener),
              () =>
                `${this.constructor?.name ?? 'EventEmitter'} '${String(event)}' listeners (${this.listenerCount(event)})`,
              listener,
            )
            return result
          },
      )
    }
  }

  #wrapTimer(
    realm: typeof globalThis,
    setName: string,
    clearName: string,
    long: (delay: number) => boolean,
  ): void {
    const tracker = this
    const timers = realm as unknown as Record<string, (...args: unknown[]) => unknown>
    if (typeof timers[setName] !== 'function') return
    this.#wrap(
      realm,
      clearName,
      (original) =>
        function (this: unknown, handle: unknown) {
          if (handle && typeof handle === 'object') tracker.#cleared.add(handle)
          return tracker.#invoke(original, this, [handle])
        },
    )
    this.#wrap(
      realm,
      setName,
      (original) =>
        function timer(this: unknown, callback: unknown, delay?: number, ...rest: unknown[]) {
          const handle = tracker.#invoke(original, this, [callback, delay, ...rest])
          if (handle && typeof handle === 'object' && long(Number(delay) || 0)) {
            tracker.#record(
              timers,
              setName,
              timer,
              () => !tracker.#cleared.has(handle) && !(handle as { _destroyed?: boolean })._destroyed,
              () => `${setName} timers`,
              callback,
              true,
            )
          }
          return handle
        },
    )
  }

  /** Calls an original method; insertions it makes internally (a listener array's push) are its own. */
  #invoke(original: unknown, thisArg: unknown, args: unknown[]): unknown {
    this.#depth++
    try {
      return (original as (...a: unknown[]) => unknown).apply(thisArg, args)
    } finally {
      this.#depth--
    }
  }

  #wrap(owner: object, name: string, make: (original: unknown) => unknown): void {
    const original = (owner as Record<string, unknown>)[name]
    if (typeof original !== 'function') return
    this.#patches.push({ owner, name, original })
    ;(owner as Record<string, unknown>)[name] = make(original)
  }

  #removed(target: object): Set<unknown> {
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
  #record(
    structure: object,
    operation: string,
    patched: unknown,
    stillStored: () => boolean,
    describeTarget: () => string,
    stored: unknown,
    alwaysLongLived = false,
  ): void {
    if (!this.#active || this.#depth > 0 || this.#operations.length >= maxOperations) return
    this.#depth++
    try {
      this.#recordOperation(
        structure,
        operation,
        patched,
        stillStored,
        describeTarget,
        stored,
        alwaysLongLived,
      )
    } finally {
      this.#depth--
    }
  }

  #recordOperation(
    structure: object,
    operation: string,
    patched: unknown,
    stillStored: () => boolean,
    describeTarget: () => string,
    stored: unknown,
    alwaysLongLived: boolean,
  ): void {
    const first = this.#firstCall.get(structure)
    if (first === undefined) this.#firstCall.set(structure, this.#call)
    if (!alwaysLongLived && (first === undefined || first === this.#call)) return
    if (this.#stacks >= maxStacks) return
    this.#stacks++
    const traceback = this.#traceback(captureFrames(patched))
    const site = traceback.find((frame) => frame.owner === 'user')
    if (!site) return
    this.#operations.push({
      operation,
      siteKey: `${operation} ${site.file}:${site.line}:${site.column}`,
      traceback,
      stillStored,
      describeTarget,
      structure: alwaysLongLived ? undefined : structure,
      value: describeValue(stored),
    })
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

/** `Session { id, user, payload }`, `(closure)`, `number`: what a user recognises of a stored value. */
function describeValue(value: unknown): string {
  if (typeof value === 'function') return '(closure)'
  if (value === null || typeof value !== 'object') return typeof value
  const name = (value as object).constructor?.name ?? 'Object'
  if (Array.isArray(value)) return `${name} (${value.length} items)`
  const keys = Object.keys(value).slice(0, 3)
  return keys.length ? `${name} { ${keys.join(', ')}${Object.keys(value).length > 3 ? ', ...' : ''} }` : name
}

function isPending(promise: Promise<unknown>): boolean {
  return inspect(promise, { depth: 0 }).includes('<pending>')
}

function includes(array: unknown[], value: unknown): boolean {
  return array.length < 100_000 && array.includes(value)
}
