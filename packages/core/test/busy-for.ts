/** Waits `ms` milliseconds by spinning: a costly call that allocates nothing. */
export function busyFor(ms: number): void {
  const until = performance.now() + ms
  while (performance.now() < until);
}
