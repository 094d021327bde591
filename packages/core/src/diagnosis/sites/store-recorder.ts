/**
 * What the structure patches need from the tracker that records insertions: wrapping a method,
 * calling the original, and recording an insertion. A narrow interface, so the patches do not
 * depend on the tracker itself.
 */
export interface StoreRecorder {
  /** Changes with every tally: what a check reads may be reused within one tally. */
  readonly generation: number
  /** Timers cleared while tracking. */
  readonly cleared: WeakSet<object>
  wrap(owner: object, name: string, make: (original: unknown) => unknown): void
  /** Calls an original method; insertions it makes internally are its own, not the user's. */
  invoke(original: unknown, thisArg: unknown, args: unknown[]): unknown
  /** Listeners removed from `target` while tracking. */
  removedListeners(target: object): Set<unknown>
  /** Records one insertion of `stored` into `structure`, made through the wrapper `patched`. */
  record(
    structure: object,
    operation: string,
    patched: unknown,
    stillStored: () => boolean,
    describeTarget: () => string,
    stored: unknown,
    alwaysLongLived?: boolean,
  ): void
}
