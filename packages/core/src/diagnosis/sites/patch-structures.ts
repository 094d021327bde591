import { inspect } from 'node:util'
import { formatCount } from '../../runtime/format-count.js'
import type { StoreRecorder } from './store-recorder.js'

// The operations that store values into long-lived structures, wrapped in a realm so that the
// tracker records each with a line-exact stack. Each wrapper calls the original and returns its
// result unchanged.

export function patchRealm(tracker: StoreRecorder, realm: typeof globalThis): void {
  const { Array: RealmArray, Map: RealmMap, Set: RealmSet } = realm
  tracker.wrap(
    RealmArray.prototype,
    'push',
    (original) =>
      function push(this: unknown[], ...items: unknown[]) {
        const length = tracker.invoke(original, this, items) as number
        for (let i = 0; i < items.length; i++) {
          const index = length - items.length + i
          const value = items[i]
          tracker.record(
            this,
            'Array.prototype.push',
            push,
            () => this[index] === value || includes(this, value),
            () => `Array (${formatCount(this.length)} items)`,
            value,
          )
        }
        return length
      },
  )
  tracker.wrap(
    RealmMap.prototype,
    'set',
    (original) =>
      function set(this: Map<unknown, unknown>, key: unknown, value: unknown) {
        const result = tracker.invoke(original, this, [key, value])
        const has = RealmMap.prototype.has
        const get = RealmMap.prototype.get
        tracker.record(
          this,
          'Map.prototype.set',
          set,
          () => has.call(this, key) && get.call(this, key) === value,
          () => `Map (${formatCount(this.size)} entries)`,
          // An object key is what a cache keyed by fresh objects leaks; its value may be a number.
          key !== null && (typeof key === 'object' || typeof key === 'function') ? key : value,
        )
        return result
      },
  )
  tracker.wrap(
    RealmSet.prototype,
    'add',
    (original) =>
      function add(this: Set<unknown>, value: unknown) {
        const result = tracker.invoke(original, this, [value])
        const has = RealmSet.prototype.has
        tracker.record(
          this,
          'Set.prototype.add',
          add,
          () => has.call(this, value),
          () => `Set (${formatCount(this.size)} values)`,
          value,
        )
        return result
      },
  )
  tracker.wrap(
    realm.Promise.prototype,
    'then',
    (original) =>
      function then(this: Promise<unknown>, ...handlers: unknown[]) {
        const result = tracker.invoke(original, this, handlers)
        if (isPending(this)) {
          tracker.record(
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
  wrapTimer(tracker, realm, 'setInterval', 'clearInterval', () => true)
  // A timer that outlives the measurement holds its callback's closure: a leak while it waits.
  wrapTimer(tracker, realm, 'setTimeout', 'clearTimeout', (delay) => delay >= 1000)
}

function wrapTimer(
  tracker: StoreRecorder,
  realm: typeof globalThis,
  setName: string,
  clearName: string,
  long: (delay: number) => boolean,
): void {
  const timers = realm as unknown as Record<string, (...args: unknown[]) => unknown>
  if (typeof timers[setName] !== 'function') return
  tracker.wrap(
    realm,
    clearName,
    (original) =>
      function (this: unknown, handle: unknown) {
        if (handle && typeof handle === 'object') tracker.cleared.add(handle)
        return tracker.invoke(original, this, [handle])
      },
  )
  tracker.wrap(
    realm,
    setName,
    (original) =>
      function timer(this: unknown, callback: unknown, delay?: number, ...rest: unknown[]) {
        const handle = tracker.invoke(original, this, [callback, delay, ...rest])
        if (handle && typeof handle === 'object' && long(Number(delay) || 0)) {
          tracker.record(
            timers,
            setName,
            timer,
            () => !tracker.cleared.has(handle) && !(handle as { _destroyed?: boolean })._destroyed,
            () => `${setName} timers`,
            callback,
            true,
          )
        }
        return handle
      },
  )
}

function isPending(promise: Promise<unknown>): boolean {
  return inspect(promise, { depth: 0 }).includes('<pending>')
}

function includes(array: unknown[], value: unknown): boolean {
  return array.length < 100_000 && array.includes(value)
}
