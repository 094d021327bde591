import { createHook } from 'node:async_hooks'
import { clearKeptObjects } from '../runtime/clear-kept-objects.js'
import type { GarbageCollector } from '../runtime/force-gc.js'

/** What a synchronous function schedules per call that frees memory only once the event loop turns. */
export interface DeferredWork {
  /** Kinds seen at least every other call, e.g. `Timeout`, `Microtask`, `FinalizationRegistry.register`. */
  kinds: string[]
  /** Whether it starts intervals or far-off timeouts, which hold memory like a leak. */
  lasting: boolean
}

/** Node's timer objects, as far as telling pending from cleared ones needs. */
interface TimerLike {
  _repeat?: unknown
  _idleTimeout?: number
  _destroyed?: boolean
}

/** A timeout due later than this keeps what it holds for longer than any check: a leak. */
const lastingTimerMs = 60_000

/**
 * Async resource kinds whose callbacks release what they hold once they have run. Ticks are left
 * out: runners register their own per listener added (Vitest's workers), and a leak of listeners
 * must not read as deferred work.
 */
const deferredKinds = ['Timeout', 'Immediate', 'Microtask', 'PROMISE']

/**
 * Calls a synchronous function a few times with an async hook and a wrapped
 * `FinalizationRegistry.prototype.register` in its realm, to learn whether the memory it retains
 * waits for the event loop (timers, ticks, microtasks, finalization callbacks). Memory is never
 * measured here: promises carry extra ids while the hook is on.
 */
export function probeDeferredWork(
  fn: () => unknown,
  calls: number,
  realm: typeof globalThis,
  collect: GarbageCollector,
): DeferredWork {
  const counts = new Map<string, number>()
  const count = (kind: string) => counts.set(kind, (counts.get(kind) ?? 0) + 1)
  // Timers and immediates cleared within the call release nothing later: count those left pending
  // (destroy hooks arrive only once the event loop turns, so read the timer's own flag).
  const timers: { kind: string; timer: TimerLike }[] = []
  const hook = createHook({
    init(_id, type, _trigger, resource) {
      // A promise holds its reactions until it settles: only settled ones release them later.
      if (type === 'PROMISE') return
      if (type !== 'Timeout' && type !== 'Immediate') return count(type)
      const timer = resource as TimerLike
      // An interval, or a timer due after the check is long over, holds its memory like a leak.
      const lasting = timer._repeat != null || (timer._idleTimeout ?? 0) > lastingTimerMs
      timers.push({ kind: lasting ? 'Interval' : type, timer })
    },
    promiseResolve() {
      count('PROMISE')
    },
  })
  const prototype = realm.FinalizationRegistry?.prototype
  const register = prototype?.register
  // A registration frees its cell only once its target is collected: targets kept alive are a leak.
  const targets: WeakRef<object>[] = []
  if (prototype && register) {
    prototype.register = function (this: FinalizationRegistry<unknown>, ...args: unknown[]) {
      if (typeof args[0] === 'object' && args[0] !== null) targets.push(new WeakRef(args[0]))
      return (register as (...a: unknown[]) => void).apply(this, args)
    }
  }
  hook.enable()
  try {
    for (let call = 0; call < calls; call++) fn()
  } finally {
    hook.disable()
    if (prototype && register) prototype.register = register
  }
  for (const { kind, timer } of timers) if (!timer._destroyed) count(kind)
  if (targets.length > 0) {
    clearKeptObjects()
    collect()
    for (const target of targets) if (target.deref() === undefined) count('FinalizationRegistry.register')
  }
  const often = (kind: string) => (counts.get(kind) ?? 0) >= calls / 2
  return {
    kinds: [...deferredKinds, 'FinalizationRegistry.register'].filter(often),
    lasting: often('Interval'),
  }
}
