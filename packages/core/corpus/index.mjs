import { cases as async } from './async.mjs'
import { cases as collections } from './collections.mjs'
import { cases as costlyAsync } from './costly-async.mjs'
import { cases as costlySync } from './costly-sync.mjs'
import { cases as deferredSync } from './deferred-sync.mjs'
import { cases as dom } from './dom.mjs'
import { cases as external } from './external.mjs'
import { cases as lifecycle } from './lifecycle.mjs'

/** Every case of the corpus, by file. */
export const corpus = {
  collections,
  lifecycle,
  external,
  async,
  'deferred-sync': deferredSync,
  'costly-sync': costlySync,
  'costly-async': costlyAsync,
  dom,
}

/** Cost classes, cheapest first, with the nominal cost of one call in milliseconds. */
export const costs = { us: 0.001, '0.1ms': 0.1, '1ms': 1, '3ms': 3, '10ms': 10 }

/** Flat list of `{ file, cost, ...case }`; `cost` defaults to 'us'. */
export const allCases = Object.entries(corpus).flatMap(([file, cases]) =>
  cases.map((entry) => ({ file, cost: 'us', ...entry })),
)
