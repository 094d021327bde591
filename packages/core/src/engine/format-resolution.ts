/** A clean verdict's resolution as its reason states it: `0.4`, `6`, `24` (one decimal below 10 B/call). */
export function formatResolution(bytesPerCall: number): string {
  return bytesPerCall < 10
    ? (Math.ceil(bytesPerCall * 10) / 10).toString()
    : Math.ceil(bytesPerCall).toString()
}
