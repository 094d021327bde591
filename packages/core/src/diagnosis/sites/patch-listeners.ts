import { EventEmitter, getEventListeners } from 'node:events'
import type { StoreRecorder } from './store-recorder.js'

type Listener = (...args: unknown[]) => void

/**
 * Listener lists: `on`, `addListener`, `prependListener`, `once` and `prependOnceListener` on Node's
 * EventEmitter (which `events.once(emitter, name)` calls too: a promise that never settles leaves
 * its listeners behind), and `addEventListener` on the realm's EventTarget, `{ once: true }` included.
 */
export function patchEmitter(tracker: StoreRecorder): void {
  for (const name of ['on', 'addListener', 'prependListener', 'once', 'prependOnceListener'] as const) {
    tracker.wrap(
      EventEmitter.prototype,
      name,
      (original) =>
        function on(this: EventEmitter, event: string | symbol, listener: Listener) {
          const result = tracker.invoke(original, this, [event, listener])
          tracker.record(
            this,
            `EventEmitter.prototype.${name}`,
            on,
            () => hasListener(this, event, listener),
            () =>
              `${this.constructor?.name ?? 'EventEmitter'} '${String(event)}' listeners (${this.listenerCount(event)})`,
            listener,
          )
          return result
        },
    )
  }
}

export function patchEventTarget(tracker: StoreRecorder, realm: typeof globalThis): void {
  const eventTarget = realm.EventTarget?.prototype
  if (!eventTarget) return
  tracker.wrap(
    eventTarget,
    'removeEventListener',
    (original) =>
      function (this: object, type: string, listener: unknown, ...rest: unknown[]) {
        tracker.removedListeners(this).add(listener)
        return tracker.invoke(original, this, [type, listener, ...rest])
      },
  )
  tracker.wrap(
    eventTarget,
    'addEventListener',
    (original) =>
      function addEventListener(this: object, type: string, listener: unknown, ...rest: unknown[]) {
        const result = tracker.invoke(original, this, [type, listener, ...rest])
        tracker.record(
          this,
          'EventTarget.prototype.addEventListener',
          addEventListener,
          () => listening(tracker, this, type, listener),
          () => `${this.constructor?.name ?? 'EventTarget'} '${type}' listeners`,
          listener,
        )
        return result
      },
  )
}

/** Listener lists read in the current tally: reading one costs far more than a lookup. */
const lists = new WeakMap<object, { generation: number; byType: Map<string, Set<unknown> | undefined> }>()

/**
 * Whether `listener` is still on `target`. Node's EventTarget lists its listeners (a `{ once }`
 * listener that fired is gone); other EventTargets (jsdom's) do not, so there only an explicit
 * removal counts. Each list is read once per tally.
 */
function listening(tracker: StoreRecorder, target: object, type: string, listener: unknown): boolean {
  let entry = lists.get(target)
  if (entry?.generation !== tracker.generation) {
    entry = { generation: tracker.generation, byType: new Map() }
    lists.set(target, entry)
  }
  if (!entry.byType.has(type)) {
    let listeners: Set<unknown> | undefined
    try {
      listeners = new Set(getEventListeners(target as EventTarget, type))
    } catch {
      listeners = undefined
    }
    entry.byType.set(type, listeners)
  }
  const listeners = entry.byType.get(type)
  return listeners ? listeners.has(listener) : !tracker.removedListeners(target).has(listener)
}

/**
 * Whether `listener` is on `emitter`, once-wrapped or not (`listeners()` unwraps once-wrappers,
 * `rawListeners()` shows them with `.listener`). Reads the emitter's own list when it can: a leaking
 * list holds thousands of listeners, and `rawListeners()` copies it on every check.
 */
function hasListener(emitter: EventEmitter, event: string | symbol, listener: Listener): boolean {
  const own = (emitter as unknown as { _events?: Record<string | symbol, unknown> })._events?.[event]
  const list = own === undefined ? emitter.rawListeners(event) : Array.isArray(own) ? own : [own]
  for (let i = list.length - 1; i >= 0; i--) {
    const raw = list[i] as { listener?: unknown }
    if (raw === listener || raw?.listener === listener) return true
  }
  return false
}
