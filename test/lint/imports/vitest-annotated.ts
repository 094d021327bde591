// leakCheck and the matcher in one file that imports the package, as a user would.
import { leakCheck } from '@leakproof/vitest'
import { expect, test } from 'vitest'

test(
  'handles reconnects',
  leakCheck(async () => {
    await Promise.resolve()
  }),
)

test('inside leakCheck', () => {
  expect(() => [1, 2, 3].join()).not.toLeakMemory()
})
