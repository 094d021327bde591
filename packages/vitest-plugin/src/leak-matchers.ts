import type { LeakMatchers } from '@leakproof/core/adapter'
import type { expect } from 'vitest'

export type { LeakMatchers } from '@leakproof/core/adapter'

// What `expect(fn)` returns in the installed Vitest (`Assertion<T>` in 3.2/4, `Assertion<void, T>`
// in 5), named without repeating its type parameters: the matcher infers `fn`'s type from it.
declare module '@leakproof/core/adapter' {
  namespace LeakMatchers {
    interface Receivers<F> {
      vitest: ReturnType<typeof expect<F>>
    }
    interface ResolvedReceivers<F> {
      vitest: ReturnType<typeof expect<Promise<F>>>['resolves']
    }
  }
}

declare module 'vitest' {
  // No type parameters: Vitest 3.2/4 declare `Matchers<T = any>`, Vitest 5 `Matchers<R, T>`, and a
  // declaration without any merges with either (see LeakMatchers.OfThis).
  interface Matchers extends LeakMatchers.OfThis {}
}
