import { Session } from 'node:inspector'

/**
 * An in-process inspector session whose commands complete synchronously (they do in every setting
 * leakproof runs in), so a synchronous check can use the heap profiler too.
 */
export class InspectorSession {
  readonly #session = new Session()
  #connected = true

  constructor() {
    this.#session.connect()
  }

  post<T = unknown>(method: string, params?: object): T {
    let outcome: { error: Error | null; result: unknown } | undefined
    this.#session.post(method, params ?? {}, (error, result) => {
      outcome = { error, result }
    })
    if (!outcome) throw new Error(`inspector command ${method} did not complete synchronously`)
    if (outcome.error) throw outcome.error
    return outcome.result as T
  }

  on(event: string, listener: (message: { params: unknown }) => void): void {
    this.#session.on(event, listener)
  }

  /** Safe to call more than once. */
  disconnect(): void {
    if (this.#connected) this.#session.disconnect()
    this.#connected = false
  }
}
