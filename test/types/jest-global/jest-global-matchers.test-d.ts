// Type tests for Jest with `@types/jest` (the global `jest.Matchers`); compiled by `npm run typecheck`.
import '@leakproof/jest'

expect(() => 1).not.toLeakMemory()
expect(() => 1).toLeakMemory({ warmup: 5 })

// @ts-expect-error: wrong option type
expect(() => 1).not.toLeakMemory({ timeout: '2s' })
