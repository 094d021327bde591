// Type tests for Jest with `@jest/globals` (the `expect` package); compiled by `npm run typecheck`.
import { expect, jest, test } from '@jest/globals'
import { type LeakCheckOptions, leakCheck } from '@leakproof/jest'
import { expectType } from './type-equal.js'

const sync = () => [1, 2].map(String)
const maybeAsync = (): Promise<void> | undefined => undefined

// The return type follows the received function.
expectType<void>()(expect(sync).not.toLeakMemory())
expectType<void>()(expect(() => 1).toLeakMemory({ iterations: 1000, threshold: 8, strict: true }))
expectType<Promise<void>>()(expect(async () => 1).not.toLeakMemory({ timeout: 2000 }))
expectType<Promise<void>>()(expect(() => Promise.resolve()).toLeakMemory())
expectType<void | Promise<void>>()(expect(maybeAsync).not.toLeakMemory())
expectType<unknown>()(expect(() => JSON.parse('{}')).not.toLeakMemory())
expectType<unknown>()(expect(jest.fn()).not.toLeakMemory())
// After `.resolves` Jest types every matcher as `Promise<void>`.
expectType<Promise<void>>()(expect(Promise.resolve(sync)).resolves.not.toLeakMemory())

async function awaited() {
  await expect(async () => 1).not.toLeakMemory({ timeout: 2000 })
}
void awaited

// @ts-expect-error: unknown option
expect(() => 1).not.toLeakMemory({ iteration: 10 })

const options: LeakCheckOptions = { trigger: 'CHECK_LEAKS' }
test(
  'annotated',
  leakCheck(async () => undefined, options),
)
// @ts-expect-error: leakCheck bodies take no arguments (Jest would pass `done`)
leakCheck((done: () => void) => done())
