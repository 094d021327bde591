import type { LeakMatchers } from '@leakproof/core/adapter'

export type { LeakMatchers } from '@leakproof/core/adapter'

// `@jest/globals` (the `expect` package) and `@types/jest` (the global `jest` namespace).
import type {} from 'expect'

// Every declaration of an interface must repeat its type parameters, `T` included.
declare module 'expect' {
  interface Matchers<R extends void | Promise<void>, T = unknown> extends LeakMatchers<R> {}
}

declare global {
  namespace jest {
    // biome-ignore lint/complexity/noBannedTypes: `{}` is the default @types/jest declares
    interface Matchers<R, T = {}> extends LeakMatchers<R> {}
  }
}
