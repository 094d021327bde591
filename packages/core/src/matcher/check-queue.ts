import { ConcurrentCheckError } from '../errors/leakproof-error.js'

/**
 * The async check running now, and the test it belongs to. Checks measure the whole heap, so checks
 * of concurrent tests (`test.concurrent`) wait for each other here instead of failing; a second
 * check of the same test (a nested check, or two not awaited) would wait for itself, so it is refused.
 */
let active: { owner: object; done: Promise<unknown> } | undefined

/**
 * Starts a check of `owner` now when no other check runs, else once the running ones are done (the
 * result is then a promise, even for a synchronous function).
 * @throws {ConcurrentCheckError} when a check of the same test is running
 */
export function inTurn<T>(owner: object, start: () => T | Promise<T>): T | Promise<T> {
  if (!active) return hold(owner, start())
  if (active.owner === owner) throw new ConcurrentCheckError()
  return (async () => {
    while (active) {
      if (active.owner === owner) throw new ConcurrentCheckError()
      await active.done.catch(() => undefined)
    }
    // Started in the same turn of the microtask queue as the loop's last look, so two waiters
    // woken together cannot both start.
    return hold(owner, start())
  })()
}

function hold<T>(owner: object, outcome: T | Promise<T>): T | Promise<T> {
  if (!(outcome instanceof Promise)) return outcome
  const turn = { owner, done: outcome }
  active = turn
  const release = () => {
    if (active === turn) active = undefined
  }
  outcome.then(release, release)
  return outcome
}
