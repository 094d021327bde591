// The forms the README documents, linted with the type-checked rules: no finding allowed.
// No import of @leakproof/vitest: the tsconfig's `types` entry brings the matcher's types.
import { expect, test } from 'vitest'

const cache = new Map<number, number[]>()
const parse = (text: string) => text.split(',').map(Number)
const fetchConfig = async (name: string) => ({ name, retries: await Promise.resolve(3) })

test('parse does not leak', () => {
  expect(() => parse('1,2,3')).not.toLeakMemory()
})

test('fetchConfig does not leak', async () => {
  await expect(() => fetchConfig('svc')).not.toLeakMemory({ timeout: 2000 })
})

test('the cache leaks', () => {
  expect(() => cache.set(cache.size, [1, 2, 3])).toLeakMemory()
})
