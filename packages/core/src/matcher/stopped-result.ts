import type { InconclusiveResult } from '../result/leak-result.js'

/**
 * The record of a check stopped before its verdict (the test timed out or did not await it): it
 * goes into the report as inconclusive, with the reason, rather than vanishing from it.
 */
export function stoppedResult(reason: string, calls: number, elapsedMs: number): InconclusiveResult {
  return {
    status: 'inconclusive',
    leaked: false,
    bytesPerIteration: 0,
    iterations: calls,
    durationMs: elapsedMs,
    verdictMs: elapsedMs,
    collections: 0,
    async: true,
    samples: [],
    reason,
  }
}
