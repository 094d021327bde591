import type { LeakSite } from '../../result/leak-site.js'
import type { RetainerTarget } from '../retainers/retainer-target.js'
import { functionLocation } from '../source/source-mapper.js'
import { inferOuterCall } from './infer-outer-call.js'
import { inferOuterWrite } from './infer-outer-write.js'

/** Where a function starts in the user's source. */
export interface FunctionStart {
  file: string
  line: number
  column: number
  functionName: string
}

/** Globals a write may go through: the holder is the global object, no variable to look for. */
const globalNames = new Set(['globalThis', 'global', 'window', 'self'])

/**
 * No instrumented operation stored the leak: look in the source of the allocating function (or of
 * the function under test, when the profiler saw no allocation) for the line that writes to outer
 * state, else for its call into outer code. Returns that line as an inferred stored-at site, and
 * the variable the retainer pass should look for.
 */
export function inferStore(
  allocating: FunctionStart | undefined,
  fn: unknown,
  bytesPerIteration: number,
): { site: LeakSite; target: RetainerTarget } | undefined {
  // A callback that only builds the value (`memoize((key) => ({ key }))`) shows no store: the
  // function under test, which called into the code that keeps it, is the next place to look.
  const found = allocating && inferFrom(allocating, bytesPerIteration)
  if (found) return found
  const start = startOf(fn)
  return start && inferFrom(start, bytesPerIteration)
}

function inferFrom(
  start: FunctionStart,
  bytesPerIteration: number,
): { site: LeakSite; target: RetainerTarget } | undefined {
  const ownWrite = inferOuterWrite(start.file, start.line, start.column)
  const write = ownWrite ?? inferOuterCall(start.file, start.line, start.column)
  if (!write) return undefined
  // `globalThis.cache[id] = v`: the holder is the global property, which the walk knows as such.
  const property = globalNames.has(write.name) ? /^\.([A-Za-z_$][\w$]*)/.exec(write.access)?.[1] : undefined
  const variable = property
    ? { name: `globalThis.${property}`, file: '' }
    : { name: write.name, file: start.file }
  const target: RetainerTarget = { variable, value: '', object: '', line: write.line, countPerIteration: 0 }
  return {
    target,
    site: {
      kind: 'stored-at',
      file: start.file,
      line: write.line,
      column: write.column,
      functionName: start.functionName,
      source: write.source,
      operation: ownWrite
        ? 'a write to state outside the function (found in its source)'
        : 'a call into code outside the function that keeps what it is given (found in its source)',
      bytesPerIteration,
      countPerIteration: 0,
      inferred: true,
    },
  }
}

function startOf(fn: unknown): FunctionStart | undefined {
  try {
    const location = functionLocation(fn)
    return location && { ...location, functionName: (fn as { name?: string }).name || '<anonymous>' }
  } catch {
    // No inspector: no inference.
    return undefined
  }
}
