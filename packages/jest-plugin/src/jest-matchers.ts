import type { LeakMatchers } from '@leakproof/core/adapter'

export type { LeakMatchers } from '@leakproof/core/adapter'

// `@jest/globals` (the `expect` package) and `@types/jest` (the global `jest` namespace).
import type {} from 'expect'

// Every declaration of an interface must repeat its type parameters, `T` included. `T` is passed
// on so that the matcher's return type follows the received function (void or a promise).
declare module 'expect' {
  interface Matchers<R extends void | Promise<void>, T = unknown> extends LeakMatchers<R, T> {}
}

// @types/jest's `expect(fn)` and its chains, for LeakMatchers.OfThis to infer `fn`'s type from.
declare module '@leakproof/core/adapter' {
  namespace LeakMatchers {
    interface Receivers<F> {
      jest: jest.Matchers<void, F>
      jestChain: { not: jest.Matchers<void, F> }
    }
    interface ResolvedReceivers<F> {
      // `toBe` tells @types/jest's `.resolves` chain apart from any other `jest.Matchers`: without
      // @types/jest (Vitest declares the namespace empty) every assertion would match this entry.
      jestResolved: jest.Matchers<Promise<void>, F> & { toBe(expected: unknown): Promise<void> }
    }
  }
}

declare global {
  namespace jest {
    // Vitest 3.2/4's `Assertion<T>` extends `jest.Matchers<void, T>` and Vitest's `Matchers`, which
    // @leakproof/vitest declares with LeakMatchers.OfThis: with both plugins in one program, the two
    // `toLeakMemory` must be identical, so this one is declared the same way.
    // biome-ignore lint/complexity/noBannedTypes: `{}` is the default @types/jest declares
    interface Matchers<R, T = {}> extends LeakMatchers.OfThis {}
  }
}
