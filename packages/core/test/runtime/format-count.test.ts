import { describe, expect, it } from 'vitest'
import { formatCount } from '../../src/runtime/format-count.js'

describe('formatCount', () => {
  it('writes counts as en-US does', () => {
    const values = [
      0, 7, 999, 1000, 1034, 12_345, 999_999, 1_000_000, 1_411_701, -4096, 2.5, 1234.5678, 0.0004,
    ]
    for (const value of values) expect(formatCount(value)).toBe(value.toLocaleString('en-US'))
  })

  it('leaves what is not a finite number as it is', () => {
    expect(formatCount(Number.POSITIVE_INFINITY)).toBe('Infinity')
    expect(formatCount(Number.NaN)).toBe('NaN')
  })
})
