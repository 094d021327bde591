import type { LeakMatcherOptions as LeakOptions } from './heap-snapshot-option.js'

/**
 * What `expect(fn).toLeakMemory()` returns, typed from the received `fn` the way the matcher behaves
 * at run time: `void` when `fn` returns no promise (the check runs synchronously, nothing to await),
 * `Promise<void>` when it returns one (the check must be awaited). typescript-eslint's
 * `no-floating-promises` and `await-thenable` rely on this to accept exactly the documented forms.
 *
 * `R` is the runner's own return type for the chain: Jest types `.resolves`/`.rejects` chains as
 * `Promise<void>`, and the runner then returns a promise whatever the matcher does.
 */
export type LeakMatcherReturn<R, T> = [R] extends [PromiseLike<unknown>] ? R : CheckReturn<T>

/** A synchronous check: nothing to await, as for the runners' own matchers. */
// biome-ignore lint/suspicious/noConfusingVoidType: `void` is what the runners' matchers return
type Sync = void

/**
 * A function typed as returning `any` or `unknown` (`JSON.parse`, a `vi.fn()` mock) may or may not
 * return a promise: `unknown` lets both forms pass the lint rules (neither rule judges `unknown`),
 * and the adapters fail a test whose async check was not awaited at run time.
 */
type CheckReturn<T> = unknown extends T
  ? unknown
  : T extends (...args: never[]) => infer V
    ? CallReturn<V>
    : // Not a function: the matcher fails at once, synchronously.
      Sync

type CallReturn<V> = unknown extends V
  ? unknown
  : [V] extends [never]
    ? Sync
    : // Distributes: `() => Promise<void> | undefined` may return a promise, so it must be awaited.
      V extends PromiseLike<unknown>
      ? Promise<void>
      : Sync

/**
 * The matchers leakproof adds to `expect` where the runner's interface has the same type
 * parameters in every supported version (the `expect` package's `Matchers<R, T>`): `R` is the
 * runner's return type for the chain (`void`, or `Promise<void>` after `.resolves`), `T` the
 * received value.
 */
export interface LeakMatchers<R = void, T = unknown> {
  /**
   * Passes when calling the received function repeatedly retains ever more memory; use it as
   * `expect(fn).not.toLeakMemory()`. Synchronous for a synchronous `fn`; when `fn` returns a
   * promise the check is asynchronous and must be awaited.
   */
  toLeakMemory(options?: LeakOptions): LeakMatcherReturn<R, T>
}

/**
 * What the adapters build their declarations from. The registries are filled by the adapters
 * (`declare module '@leakproof/core/adapter'`), one entry per runner shape.
 */
export declare namespace LeakMatchers {
  /**
   * The same matcher for interfaces whose type parameters differ between runner versions: Vitest 3.2
   * and 4 declare `Matchers<T = any>`, Vitest 5 `Matchers<R, T>`, and every declaration of an
   * interface must repeat its parameters. A declaration without any (`interface Matchers extends
   * LeakMatchers.OfThis {}`) merges with both; the received type is then inferred from the assertion
   * the method is called on (`this`), matched against the shapes the adapters register in
   * `Receivers`. Vitest's `Assertion<T>` also extends `jest.Matchers<void, T>`, so
   * @leakproof/jest declares `jest.Matchers` with this same interface: one identical `toLeakMemory`.
   */
  interface OfThis {
    /**
     * Passes when calling the received function repeatedly retains ever more memory; use it as
     * `expect(fn).not.toLeakMemory()`. After `.resolves`/`.rejects` the check returns a promise.
     */
    toLeakMemory<F>(
      this: ResolvedReceivers<F>[keyof ResolvedReceivers<F>],
      options?: LeakOptions,
    ): Promise<void>
    /**
     * Passes when calling the received function repeatedly retains ever more memory; use it as
     * `expect(fn).not.toLeakMemory()`. Synchronous for a synchronous `fn`; when `fn` returns a
     * promise the check is asynchronous and must be awaited.
     */
    toLeakMemory<F>(this: Receivers<F>[keyof Receivers<F>], options?: LeakOptions): LeakMatcherReturn<void, F>
  }

  /** The assertion types a runner's `expect(received)` returns, for a received `F`. */
  // biome-ignore lint/suspicious/noEmptyInterface: filled by the adapters' augmentations
  interface Receivers<F> {}
  /** The same after `.resolves` (the received value is then the promise's value). */
  // biome-ignore lint/suspicious/noEmptyInterface: filled by the adapters' augmentations
  interface ResolvedReceivers<F> {}
}
