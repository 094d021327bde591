// Type tests for Jest with `@types/jest` (the global `jest.Matchers`); compiled by `npm run typecheck`.
import '@leakproof/jest'
import { expectType } from '../type-equal.js'

expectType<void>()(expect(() => 1).not.toLeakMemory())
expectType<void>()(expect(() => 1).toLeakMemory({ warmup: 5 }))
expectType<Promise<void>>()(expect(async () => 1).not.toLeakMemory())
expectType<unknown>()(expect(jest.fn()).not.toLeakMemory())
expectType<Promise<void>>()(expect(Promise.resolve(() => 1)).resolves.toLeakMemory())

// @ts-expect-error: wrong option type
expect(() => 1).not.toLeakMemory({ timeout: '2s' })
