export interface Case {
  name: string
  expected: 'leaking' | 'clean'
  /** The trap or leak shape this case stands for. */
  trap: string
  /** A known weakness of the engine on this case, reported by the bench, not asserted by tests. */
  limitation?: string
  /** Builds fresh state and returns the function under test. */
  make(): () => unknown
}
