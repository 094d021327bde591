export interface Case {
  name: string
  expected: 'leaking' | 'clean'
  /** The trap or leak shape this case stands for. */
  trap: string
  /** Builds fresh state and returns the function under test. */
  make(): () => unknown
}
