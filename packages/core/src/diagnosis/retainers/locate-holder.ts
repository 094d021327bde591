import type { RetainerPath } from '../../result/retainer-path.js'
import { now } from '../../runtime/real-clock.js'
import { type CodeScope, classifyFrame } from '../source/classify-frame.js'
import { findHolder } from './find-holder.js'
import type { RetainerTarget } from './retainer-target.js'
import { type AnyFunction, ScopeReader } from './scope-reader.js'

/** The walk's share of the check's time, at most: a retainer path is worth less than a verdict. */
const walkMs = 1000
const maxObjects = 200_000
const maxFunctions = 400

/**
 * The retainer path of a leak whose structure (or variable) the sites pass found: a walk from the
 * function under test, no heap snapshot, so it costs the same on a 200 MB heap as on an 8 MB one.
 * Undefined when the walk did not meet the structure before its limits.
 */
export function locateHolder(
  fn: AnyFunction,
  target: RetainerTarget,
  scope: CodeScope,
  endAt: number,
): RetainerPath | undefined {
  const { value, object, countPerIteration } = target
  const ending = value ? [value] : []
  if (target.knownPath) {
    return { object, countPerIteration, bytesPerIteration: 0, path: [...target.knownPath, ...ending] }
  }
  if (!target.structure && !target.variable) return undefined
  const reader = new ScopeReader()
  try {
    const path = findHolder(
      fn,
      { structure: target.structure, variable: target.variable },
      (f) => reader.read(f),
      {
        deadline: Math.min(endAt, now() + walkMs),
        maxObjects,
        maxFunctions,
        isUserFile: (file) => classifyFrame({ functionName: '', file, line: 0, column: 0 }, scope) === 'user',
      },
      (object) => reader.privateFields(object),
    )
    if (!path) return undefined
    return {
      object: object || path.at(-1)!,
      countPerIteration,
      bytesPerIteration: 0,
      path: [...path, ...ending],
    }
  } finally {
    reader.dispose()
  }
}
