import { functionBody, readLines } from '../source/function-body.js'
import type { SurvivingAllocation } from './allocation-profiler.js'

/** A frame of the leaking line's call chain: where a function on it was when the value was stored. */
export interface ChainFrame {
  file: string
  line: number
}

/** What an allocation needs at least, as a share of all surviving bytes, when it is off the chain. */
const minShare = 0.2

/** Kinds of stored values that take no allocation of their own: small integers, booleans, nullish. */
const unallocated = new Set(['number', 'boolean', 'undefined', 'null'])

/**
 * Which surviving allocations are the leak's, first the most likely. The profiler's survivors are
 * not all the leak: an HTTP agent's new socket, a library's cache filling up or code compiled
 * again survive too, once, in whatever function ran then. What leaks is what the leaking line
 * stores, made by a function on that line's call chain (or by one it called). So, when the line is
 * known: the functions on its chain first, whatever their share; then others with a fifth of the
 * bytes or more. None when no function on the chain kept anything and the stored values are known to
 * be made there all the same: numbers pushed into an array allocate nothing themselves (only the
 * array grows, at the storing line), and a value made by the storing line's own syntax (`push({ ...
 * })`) was sampled too rarely; the caller names the storing line then. Without a known line: every
 * function with a fifth of the bytes or more, most bytes first.
 */
export function leakingAllocations(
  allocations: readonly SurvivingAllocation[],
  stored?: { chain: readonly ChainFrame[]; kind: string; madeAtStore: boolean },
): SurvivingAllocation[] {
  const total = allocations.reduce((sum, allocation) => sum + allocation.bytes, 0)
  const large = allocations.filter((allocation) => allocation.bytes >= total * minShare)
  if (!stored) return large
  const onChain = allocations.filter((allocation) => runsThrough(allocation, stored.chain))
  if (onChain.length === 0 && (unallocated.has(stored.kind) || stored.madeAtStore)) return []
  return [...onChain, ...large.filter((allocation) => !onChain.includes(allocation))]
}

/** Whether a frame of the chain is inside the allocating function (which the profiler names by its start). */
function runsThrough(allocation: SurvivingAllocation, chain: readonly ChainFrame[]): boolean {
  const frames = chain.filter((frame) => frame.file === allocation.file)
  if (frames.length === 0) return false
  const lines = readLines(allocation.file)
  const body = lines && functionBody(lines, allocation.line - 1, allocation.column - 1)
  return body !== undefined && frames.some((frame) => body.some((entry) => entry.line === frame.line))
}
