// Type tests: compiled by `npm run typecheck` (tsc -p test), never run. Each @ts-expect-error must
// be needed, so a matcher type that stops rejecting bad input fails the build.
import '@leakproof/vitest'
import { type LeakCheckOptions, leakCheck } from '@leakproof/vitest'
import { expect, test } from 'vitest'

expect(() => 1).not.toLeakMemory()
expect(() => 1).toLeakMemory({ iterations: 1000, threshold: 8, timeout: 2000, strict: true })
async function awaited() {
  await expect(async () => 1).not.toLeakMemory({ warmup: 5 })
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
