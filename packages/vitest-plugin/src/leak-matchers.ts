import type { LeakMatchers } from '@leakproof/core/adapter'

export type { LeakMatchers } from '@leakproof/core/adapter'

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: every declaration must repeat Vitest's own `T = any`
  interface Matchers<T = any> extends LeakMatchers {}
}
