/** What one call of the case's function costs on the machine the corpus was measured on. */
export type CaseCost = 'us' | '0.1ms' | '1ms' | '3ms' | '10ms'

export interface Case {
  name: string
  expected: 'leaking' | 'clean'
  /** The trap or leak shape this case stands for. */
  trap: string
  /**
   * Cost class of one call: microseconds ('us'), or about 0.1, 1, 3 or 10 ms (measured by
   * bench/measure-corpus.mjs and noted on the case).
   * @default 'us'
   */
  cost?: CaseCost
  /**
   * Run this costly case in `test/corpus.test.ts` too (cases of cost 'us' always run there; costly
   * ones only when marked, so that `npm test` stays fast).
   * @default false
   */
  test?: boolean
  /** A known weakness of the engine on this case, reported by the bench, not asserted by tests. */
  limitation?: string
  /** Builds fresh state and returns the function under test. */
  make(): () => unknown
}
