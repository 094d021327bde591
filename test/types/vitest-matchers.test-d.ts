// Type tests: compiled by `npm run typecheck` (tsc -p test), never run. Each @ts-expect-error must
// be needed, so a matcher type that stops rejecting bad input fails the build.
import '@leakproof/vitest'
import { type LeakCheckOptions, leakCheck } from '@leakproof/vitest'
import { expect, test, vi } from 'vitest'
import { expectType } from './type-equal.js'

const sync = () => [1, 2].map(String)
const async = async () => 1
const maybeAsync = (): Promise<void> | undefined => undefined

// The return type follows the received function: nothing to await for a synchronous one...
expectType<void>()(expect(sync).not.toLeakMemory())
expectType<void>()(
  expect(() => 1).toLeakMemory({ iterations: 1000, threshold: 8, timeout: 2000, strict: true }),
)
expectType<void>()(expect((n: number) => n).not.toLeakMemory())
// ...a promise for one that returns a promise (or may: then it must be awaited too).
expectType<Promise<void>>()(expect(async).not.toLeakMemory())
expectType<Promise<void>>()(expect(() => Promise.resolve()).toLeakMemory())
expectType<void | Promise<void>>()(expect(maybeAsync).not.toLeakMemory())
// `any`/`unknown` returns and mocks may or may not be async: `unknown`, which lint accepts either way.
expectType<unknown>()(expect(() => JSON.parse('{}')).not.toLeakMemory())
expectType<unknown>()(expect(sync as unknown).not.toLeakMemory())
expectType<unknown>()(expect(vi.fn()).not.toLeakMemory())
// Not a function: the matcher fails synchronously.
expectType<void>()(expect(42).not.toLeakMemory())

async function awaited() {
  await expect(async () => 1).not.toLeakMemory({ warmup: 5 })
  // `.resolves` is Vitest's: every matcher after it returns a promise.
  await expect(Promise.resolve(sync)).resolves.not.toLeakMemory()
}
void awaited

// @ts-expect-error: unknown option
expect(() => 1).not.toLeakMemory({ iteration: 10 })
// @ts-expect-error: wrong option type
expect(() => 1).not.toLeakMemory({ timeout: '2s' })

const options: LeakCheckOptions = { trigger: 'CHECK_LEAKS', timeout: 1000 }
test(
  'annotated',
  leakCheck(async ({ task }) => task.name, options),
)
// @ts-expect-error: trigger is the name of an environment variable
leakCheck(() => 1, { trigger: true })
