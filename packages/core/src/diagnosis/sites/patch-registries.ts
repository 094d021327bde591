import { formatCount } from '../../runtime/format-count.js'
import type { StoreRecorder } from './store-recorder.js'

/**
 * Registries the engine keeps: `FinalizationRegistry.prototype.register` (the registry holds each
 * held value until its target is collected, and `unregister` drops it) and `Symbol.for` (the global
 * symbol registry never forgets a key: a fresh key per call is a leak).
 */
export function patchRegistries(tracker: StoreRecorder, realm: typeof globalThis): void {
  const Registry = realm.FinalizationRegistry
  if (Registry) {
    const unregistered = new WeakSet<object>()
    tracker.wrap(
      Registry.prototype,
      'unregister',
      (original) =>
        function (this: FinalizationRegistry<unknown>, token: unknown) {
          if (token && typeof token === 'object') unregistered.add(token)
          return tracker.invoke(original, this, [token])
        },
    )
    tracker.wrap(
      Registry.prototype,
      'register',
      (original) =>
        function register(
          this: FinalizationRegistry<unknown>,
          target: object,
          held: unknown,
          token?: object,
        ) {
          const result = tracker.invoke(original, this, [target, held, token])
          tracker.record(
            this,
            'FinalizationRegistry.prototype.register',
            register,
            () => token === undefined || !unregistered.has(token),
            () => 'FinalizationRegistry registrations',
            held,
          )
          return result
        },
    )
  }
  const symbols = realm.Symbol as unknown as Record<string, unknown> & object
  const seen = new Set<string>()
  let added = 0
  tracker.wrap(
    symbols,
    'for',
    (original) =>
      function symbolFor(key: string) {
        const result = tracker.invoke(original, symbols, [key])
        const name = String(key)
        // A key asked for again adds nothing: only keys this pass had not seen may be new.
        if (!seen.has(name) && Symbol.keyFor(result as symbol) !== undefined) {
          seen.add(name)
          added++
          tracker.record(
            symbols,
            'Symbol.for',
            symbolFor,
            () => true,
            () => `the global symbol registry (${formatCount(added)} keys added)`,
            result,
            true,
          )
        }
        return result
      },
  )
}
