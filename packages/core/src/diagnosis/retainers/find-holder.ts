import { relative } from 'node:path'
import { now } from '../../runtime/real-clock.js'
import { realmOf } from '../../runtime/realm-of.js'
import { describeObject } from './describe-object.js'
import {
  type HolderStep,
  isInstance,
  isNative,
  type ReadPrivateFields,
  visitChildren,
  visitPrivateFields,
  visitScopes,
} from './holder-edges.js'
import type { AnyFunction, FunctionScopes } from './scope-reader.js'

export type { ReadPrivateFields }

/** What to look for: the structure the leak is stored in, or a variable the leaking line writes. */
export interface HolderQuery {
  structure?: object
  /**
   * A variable name found in the source of the leaking function, and that function's file; or a
   * global property, named `globalThis.cache`.
   */
  variable?: { name: string; file: string }
}

/** How far the search may go. */
export interface HolderLimits {
  /** `now()` value at which the search gives up. */
  deadline: number
  /** Objects looked at. */
  maxObjects: number
  /** Functions whose scopes are read (each costs inspector round trips). */
  maxFunctions: number
  /** Whether a file is the user's code: their closures are read first. */
  isUserFile: (file: string) => boolean
}

/** Reads a function's scopes (the inspector, in production; a fake in tests). */
export type ReadScopes = (fn: AnyFunction) => FunctionScopes

/**
 * Who holds the leak, without a heap snapshot: a breadth-first walk from the function under test
 * through what it can reach (the variables its closures capture, their properties, collection
 * entries, getters' closures, class prototypes), then from the realm's global properties and
 * `process`, until it meets the structure. The path is shown from the last variable on it, the one
 * a developer would search for: `sessions: Map (1,204 entries) in module session-store.ts`. Cost:
 * the objects visited plus a few inspector calls per function, bounded by `limits`; memory: the
 * visited set. Closures of library code are read only after the user's.
 */
export function findHolder(
  fn: AnyFunction,
  query: HolderQuery,
  readScopes: ReadScopes,
  limits: HolderLimits,
  readPrivateFields?: ReadPrivateFields,
): string[] | undefined {
  const steps: HolderStep[] = []
  const seen = new Set<unknown>()
  const queue: number[] = []
  const deferred: number[] = []
  let functions = 0
  let head = 0
  let deferredHead = 0
  let found = -1

  // A variable of that name in another file (an import compiled to `__vi_import_0__.render` has its
  // declaration in the module it comes from): the answer when the right file has none.
  let elsewhere = -1
  const matches = (step: HolderStep) => {
    if (query.structure !== undefined) return step.value === query.structure
    const variable = query.variable
    if (variable === undefined || step.edge !== variable.name) return false
    if (step.global === true || step.scope?.file === variable.file) return true
    if (step.scope && elsewhere === -1) elsewhere = steps.length
    return false
  }
  const add = (step: HolderStep, later = false): boolean => {
    const { value } = step
    const isObject = (typeof value === 'object' && value !== null) || typeof value === 'function'
    // Matched before the seen check: a variable looked for by name may hold an object already met.
    if (matches(step)) {
      steps.push(step)
      found = steps.length - 1
      return true
    }
    // `matches` just took this step as the fallback: keep it even when its value was met before.
    const fallback = elsewhere === steps.length
    if (isObject && seen.has(value)) {
      if (fallback) steps.push(step)
      return false
    }
    steps.push(step)
    if (!isObject) return false
    seen.add(value)
    ;(later ? deferred : queue).push(steps.length - 1)
    return false
  }

  add({ value: fn, parent: -1, edge: '' })
  const realm = realmOf(fn)
  const roots: [string, unknown][] = [['process', process]]
  for (const key of safeKeys(realm)) roots.push([`globalThis.${key}`, safeGet(realm, key)])
  let rootsAdded = false

  while (found === -1 && seen.size < limits.maxObjects && now() < limits.deadline) {
    let index: number
    if (head < queue.length) index = queue[head++]!
    else if (!rootsAdded) {
      // The function's own reach first: a global only when nothing closer holds the structure.
      rootsAdded = true
      for (const [edge, value] of roots) if (add({ value, parent: -1, edge, global: true })) break
      continue
    } else if (deferredHead < deferred.length) index = deferred[deferredHead++]!
    else break
    const { value } = steps[index]!
    if (typeof value === 'function' && functions < limits.maxFunctions && !isNative(value as AnyFunction)) {
      functions++
      const { file, scopes } = safeRead(readScopes, value as AnyFunction)
      const later = file === undefined || !limits.isUserFile(file)
      if (visitScopes(scopes, file, index, later, add)) break
    }
    if (visitChildren(value, index, add)) break
    // Class instances may keep their state in private fields (`#listeners`): read them, on budget.
    if (readPrivateFields && isInstance(value) && functions < limits.maxFunctions) {
      functions++
      if (visitPrivateFields(readPrivateFields, value as object, index, add)) break
    }
  }
  if (found === -1) found = elsewhere
  if (found === -1) return undefined
  return describePath(steps, found)
}

/** The steps from the last variable (or global) on the chain to the structure, each readable. */
function describePath(steps: HolderStep[], found: number): string[] {
  const chain: HolderStep[] = []
  for (let index = found; index !== -1; index = steps[index]!.parent) chain.unshift(steps[index]!)
  let start = 0
  chain.forEach((step, index) => {
    if (step.scope || step.global) start = index
  })
  const shown = chain
    .slice(start)
    .filter((step) => !step.edge.startsWith('get ') && step.edge !== '__proto__')
  return shown.map((step, index) => {
    // `process` names itself; its keys would only hide what matters.
    if (step.global && step.value === process) return 'process'
    const label = `${step.edge}: ${describeObject(step.value)}`
    if (index > 0 || !step.scope) return label
    const file = step.scope.file ? relative(process.cwd(), step.scope.file) || step.scope.file : undefined
    if (!file) return label
    return step.scope.outermost ? `${label} in module ${file}` : `${label} in a closure in ${file}`
  })
}

function safeRead(readScopes: ReadScopes, fn: AnyFunction): FunctionScopes {
  try {
    return readScopes(fn)
  } catch {
    return { file: undefined, scopes: [] }
  }
}

/** Enumerable own keys only: what code assigned to the global object, not the builtins. */
function safeKeys(realm: object): string[] {
  try {
    return Object.keys(realm)
  } catch {
    return []
  }
}

function safeGet(realm: object, key: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(realm, key)
  return descriptor && 'value' in descriptor ? descriptor.value : undefined
}
