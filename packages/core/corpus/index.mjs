import { cases as async } from './async.mjs'
import { cases as collections } from './collections.mjs'
import { cases as external } from './external.mjs'
import { cases as lifecycle } from './lifecycle.mjs'

/** Every case of the corpus, by file. */
export const corpus = { collections, lifecycle, external, async }

/** Flat list of `{ file, ...case }`. */
export const allCases = Object.entries(corpus).flatMap(([file, cases]) =>
  cases.map((entry) => ({ file, ...entry })),
)
