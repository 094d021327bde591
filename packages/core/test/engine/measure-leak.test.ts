import { describe, expect, test } from 'vitest'
import { detectLeak } from '../../src/index.js'

describe('measureLeak', () => {
  // A 1 B/call leak shows only after a million calls or more, when the windows are long; confirming
  // it needs two more windows of that length. Near the `iterations` cap the confirmation used to be
  // called unaffordable (CI saw it inconclusive once with the old 4M default). Shorter equal windows
  // must confirm it as long as the leak's growth in them stands out.
  test('confirms a tiny leak that shows close to the iterations cap', () => {
    const statuses = Array.from({ length: 3 }, () => {
      const kept: number[] = []
      let calls = 0
      const result = detectLeak(
        () => {
          if (++calls % 7 === 0) kept.push(calls)
        },
        { iterations: 2_000_000, sites: false, retainers: false },
      )
      return `${result.status}: ${result.reason}`
    })
    expect(statuses.filter((status) => !status.startsWith('leaking'))).toEqual([])
  })
})
