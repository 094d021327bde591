// Both plugins in one program with `skipLibCheck: false`; compiled by `npm run typecheck`.
import '@leakproof/jest'
import '@leakproof/vitest'
import { expect as jestExpect } from '@jest/globals'
import { expect as vitestExpect } from 'vitest'
import { expectType } from '../type-equal.js'

expectType<void>()(vitestExpect(() => 1).not.toLeakMemory())
expectType<Promise<void>>()(vitestExpect(async () => 1).not.toLeakMemory())
expectType<void>()(jestExpect(() => 1).not.toLeakMemory())
expectType<Promise<void>>()(jestExpect(async () => 1).not.toLeakMemory())
// The global `expect` of @types/jest.
expectType<void>()(expect(() => 1).not.toLeakMemory())
expectType<Promise<void>>()(expect(async () => 1).not.toLeakMemory())
