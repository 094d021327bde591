/** Who keeps a group of leaked objects alive. */
export interface RetainerPath {
  /** The leaked objects: their constructor or kind, e.g. `Session` or `(closure)`. */
  object: string
  /** How many of them leaked per call. */
  countPerIteration: number
  /** Their own size per call (what they hold on to is counted in the verdict, not here). */
  bytesPerIteration: number
  /** From a GC root to one of the objects, one readable step each. */
  path: string[]
}
