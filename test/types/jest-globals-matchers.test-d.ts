// Type tests for Jest with `@jest/globals` (the `expect` package); compiled by `npm run typecheck`.
import { expect, test } from '@jest/globals'
import { type LeakCheckOptions, leakCheck } from '@leakproof/jest'

expect(() => 1).not.toLeakMemory()
expect(() => 1).toLeakMemory({ iterations: 1000, threshold: 8, strict: true })
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
