import { expect, test } from 'vitest'
import { price, priceFixed } from './price-cache'

// This test FAILS on purpose: it shows what a leak report looks like (see `npm run demo`).
test('price() does not leak', () => {
  expect(() => price({ sku: 'A-1', currency: 'EUR' })).not.toLeakMemory()
})

test('priceFixed() does not leak', () => {
  expect(() => priceFixed({ sku: 'A-1', currency: 'EUR' })).not.toLeakMemory()
})
