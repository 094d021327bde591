/** Whose code a frame is: only `user` frames may be named as the leaking line. */
export type FrameOwner = 'user' | 'library' | 'internal' | 'leakproof'

/** A frame of a leak's traceback. */
export interface TraceFrame {
  functionName: string
  file: string
  line: number
  column: number
  owner: FrameOwner
}

/** Where a leak comes from. */
export interface LeakSite {
  /**
   * `stored-at`: the exact line that adds the leaked value to a long-lived structure.
   * `allocated-in`: the function whose allocations survive (the position is where it starts).
   */
  kind: 'stored-at' | 'allocated-in'
  file: string
  line: number
  column: number
  functionName: string
  /** The source text of that line, trimmed, when the file could be read. */
  source?: string
  /** What the line does, e.g. `Map.prototype.set` or `EventEmitter.prototype.on`. */
  operation?: string
  /** The structure the value is stored in, e.g. `Map (1,204 entries)`. */
  target?: string
  /** Estimated retained bytes per call attributed to this site. */
  bytesPerIteration: number
  /** Stored at: values that stayed per call. Allocated in: sampled surviving bytes per call. */
  countPerIteration: number
  /** True when the line was picked from the source, not seen storing values (no traceback then). */
  inferred?: boolean
  /** The call stack, innermost first, when `traceback` is on. */
  traceback?: TraceFrame[]
}
