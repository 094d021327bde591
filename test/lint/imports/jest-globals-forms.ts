// The same forms with `@jest/globals`, and leakCheck; no finding allowed.
import { expect, test } from '@jest/globals'
import { leakCheck } from '@leakproof/jest'

const parse = (text: string) => text.split(',').map(Number)
const fetchConfig = async (name: string) => ({ name, retries: await Promise.resolve(3) })

test('parse does not leak', () => {
  expect(() => parse('1,2,3')).not.toLeakMemory()
})

test('fetchConfig does not leak', async () => {
  await expect(() => fetchConfig('svc')).not.toLeakMemory()
})

test(
  'handles reconnects',
  leakCheck(async () => {
    await Promise.resolve()
  }),
)
