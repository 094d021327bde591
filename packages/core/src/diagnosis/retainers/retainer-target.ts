/**
 * What the sites pass learnt about where the leak is kept, for the retainer pass: the structure the
 * most leaking line stores into (the only reference leakproof keeps to it), or the variable the
 * leaking line writes (found in its source), or a holder that needs no search (a timer list).
 */
export interface RetainerTarget {
  structure?: object
  variable?: { name: string; file: string }
  /** A path known without a search, e.g. `['setInterval timers']`. */
  knownPath?: string[]
  /** A sample of what the leaking line stores, printed as the runners print values: `{"id": 7}`. */
  value: string
  /** Its kind, for a count of them: `Session`, `Object`, `(closure)` ('' when unknown). */
  object: string
  line: number
  countPerIteration: number
}
