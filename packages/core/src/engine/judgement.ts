/** How the judge reads a series; `judgeSettings` derives them from measured costs. */
export interface JudgeSettings {
  /** Bytes per call tolerated. */
  threshold: number
  /**
   * Growth of a clean function that a span may show without meaning anything: one-off JIT
   * metadata, allocator granularity. Swings the series shows (drops) widen it.
   */
  granuleBytes: number
  /** Largest resolution (bytes per call a clean verdict rules out) accepted now. */
  acceptResolution: number
  /**
   * Largest resolution the floors of a swinging function may claim now (`findSteadyFloor`): the
   * accepted one, loosened towards 32 B/call as a costly check reaches its time target (see measure-leak).
   */
  floorResolution: number
  /** Whether other code runs between windows (async functions) and may free memory of its own. */
  foreignFrees: boolean
  /**
   * Whether calls are costly (equal windows, see measure-leak): their warm-up rules apply however
   * long the windows are (a swinging function's windows are long).
   */
  costly: boolean
  /** Fewest calls the steady growth of a leak verdict must span: a cache filling up stops sooner. */
  minLeakCalls: number
  /**
   * Steady growth since the baseline that stands for enough calls: half of what the check may make
   * the function retain (`maxRetainedBytes`). A big leak reaches the cap before `minLeakCalls`, and
   * a cache that fills up below this would have shown it by levelling off.
   */
  enoughLeakBytes: number
  /** Least growth (bytes) over that span: clean I/O swings by several KB and comes back. */
  minLeakBytes: number
  /** Growth each window of a leak's span must show when the span has only a few (long) windows. */
  minWindowBytes: number
  /** Share of a leak's windows that must have grown. */
  minGrowingShare: number
  /** Largest drop of the per-call rate between the halves of a leak's span that still counts as steady. */
  maxRateDrop: number
}

export type Judgement =
  | { verdict: 'clean'; bytesPerIteration: number; resolution: number; reason: string }
  | { verdict: 'leaking'; bytesPerIteration: number; from: number; reason: string }
  | {
      verdict: 'undecided'
      bytesPerIteration: number
      growing: boolean
      reason: string
      /**
       * What the evidence waits for, which only calls bring (windows twice as long bring them with
       * half the GCs): `calls`, a leak's signature (the same bytes added to each window) waiting for
       * `minLeakCalls`, where a cache filling up would stop growing; `step`, a staircase forming,
       * waiting for a collection's next step (a leak) or for it to stay away (a cache that stopped).
       */
      awaiting?: 'calls' | 'step'
    }
