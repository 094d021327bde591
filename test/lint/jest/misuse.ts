// Misuse the rules must catch; run-lint-test.mjs expects exactly these findings.
import { expect, test } from '@jest/globals'

test('async check not awaited', () => {
  expect(async () => Promise.resolve(1)).not.toLeakMemory() // no-floating-promises
})

test('sync check awaited', async () => {
  await expect(() => 1).not.toLeakMemory() // await-thenable
})
