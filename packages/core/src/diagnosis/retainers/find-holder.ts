import { relative } from 'node:path'
import { types } from 'node:util'
import { now } from '../../runtime/real-clock.js'
import { realmOf } from '../sites/realm-of.js'
import { describeObject } from './describe-object.js'
import type { AnyFunction, ClosureScope, FunctionScopes } from './scope-reader.js'

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

interface Step {
  value: unknown
  parent: number
  /** How the parent holds it: `sessions`, `[3]`, `.get(key)`, `get price`. */
  edge: string
  /** Set when the edge is a variable of a scope: where that scope is. */
  scope?: { file: string | undefined; outermost: boolean; kind: string }
  global?: boolean
}

/** Children per collection or object looked at: a leaking Map may hold a million entries. */
const maxChildren = 200
const skippedFunctionKeys = new Set(['prototype', 'name', 'length', 'caller', 'arguments'])

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
): string[] | undefined {
  const steps: Step[] = []
  const seen = new Set<unknown>()
  const queue: number[] = []
  const deferred: number[] = []
  let functions = 0
  let head = 0
  let deferredHead = 0
  let found = -1

  const matches = (step: Step) => {
    if (query.structure !== undefined) return step.value === query.structure
    const variable = query.variable
    if (variable === undefined || step.edge !== variable.name) return false
    return step.global === true || step.scope?.file === variable.file
  }
  const add = (step: Step, later = false): boolean => {
    const { value } = step
    const isObject = (typeof value === 'object' && value !== null) || typeof value === 'function'
    // Matched before the seen check: a variable looked for by name may hold an object already met.
    if (matches(step)) {
      steps.push(step)
      found = steps.length - 1
      return true
    }
    if (isObject && seen.has(value)) return false
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
  }
  if (found === -1) return undefined
  return describePath(steps, found)
}

function visitScopes(
  scopes: ClosureScope[],
  file: string | undefined,
  parent: number,
  later: boolean,
  add: (step: Step, later?: boolean) => boolean,
): boolean {
  for (const scope of scopes) {
    for (const name of Object.keys(scope.variables)) {
      const step = {
        value: scope.variables[name],
        parent,
        edge: name,
        scope: { file, outermost: scope.outermost, kind: scope.kind },
      }
      if (add(step, later)) return true
    }
  }
  return false
}

/** What an object holds strongly and JavaScript can see without running its code. */
function visitChildren(value: unknown, parent: number, add: (step: Step) => boolean): boolean {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false
  if (types.isProxy(value) || types.isWeakMap(value) || types.isWeakSet(value) || types.isPromise(value))
    return false
  if (types.isMap(value)) {
    let n = 0
    for (const [key, entry] of value as Map<unknown, unknown>) {
      if (n++ >= maxChildren) break
      if (add({ value: key, parent, edge: 'key' })) return true
      if (add({ value: entry, parent, edge: `.get(${describeKey(key)})` })) return true
    }
    return false
  }
  if (types.isSet(value)) {
    let n = 0
    for (const entry of value as Set<unknown>) {
      if (n++ >= maxChildren) break
      if (add({ value: entry, parent, edge: 'value' })) return true
    }
    return false
  }
  if (types.isTypedArray(value) || types.isAnyArrayBuffer(value)) return false
  if (Array.isArray(value)) {
    for (let i = 0; i < Math.min(value.length, maxChildren); i++) {
      if (add({ value: value[i], parent, edge: `[${i}]` })) return true
    }
    return false
  }
  let keys: (string | symbol)[]
  try {
    keys = Reflect.ownKeys(value)
  } catch {
    return false
  }
  for (const key of keys.slice(0, maxChildren)) {
    if (typeof value === 'function' && typeof key === 'string' && skippedFunctionKeys.has(key)) continue
    let descriptor: PropertyDescriptor | undefined
    try {
      descriptor = Reflect.getOwnPropertyDescriptor(value, key)
    } catch {
      continue
    }
    const name = typeof key === 'symbol' ? `[${key.description ?? 'symbol'}]` : key
    if (descriptor && 'value' in descriptor) {
      if (add({ value: descriptor.value, parent, edge: name })) return true
    } else if (descriptor?.get && add({ value: descriptor.get, parent, edge: `get ${name}` })) return true
  }
  // Methods live on the class's prototype; their closures may hold the module's state.
  const proto = safePrototype(value)
  if (proto && !isBuiltinPrototype(proto) && add({ value: proto, parent, edge: '__proto__' })) return true
  return false
}

/** The steps from the last variable (or global) on the chain to the structure, each readable. */
function describePath(steps: Step[], found: number): string[] {
  const chain: Step[] = []
  for (let index = found; index !== -1; index = steps[index]!.parent) chain.unshift(steps[index]!)
  let start = 0
  chain.forEach((step, index) => {
    if (step.scope || step.global) start = index
  })
  const shown = chain
    .slice(start)
    .filter((step) => !step.edge.startsWith('get ') && step.edge !== '__proto__')
  return shown.map((step, index) => {
    const label = `${step.edge}: ${describeObject(step.value)}`
    if (index > 0 || !step.scope) return label
    const file = step.scope.file ? relative(process.cwd(), step.scope.file) || step.scope.file : undefined
    if (!file) return label
    return step.scope.outermost ? `${label} in module ${file}` : `${label} in a closure in ${file}`
  })
}

function describeKey(key: unknown): string {
  if (typeof key === 'string') return JSON.stringify(key.length > 30 ? `${key.slice(0, 27)}...` : key)
  if (typeof key === 'number' || typeof key === 'boolean' || typeof key === 'bigint') return String(key)
  return describeObject(key)
}

function safeRead(readScopes: ReadScopes, fn: AnyFunction): FunctionScopes {
  try {
    return readScopes(fn)
  } catch {
    return { file: undefined, scopes: [] }
  }
}

function isNative(fn: AnyFunction): boolean {
  try {
    return Function.prototype.toString.call(fn).endsWith('{ [native code] }')
  } catch {
    return true
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

function safePrototype(value: object): object | null {
  try {
    return types.isProxy(value) ? null : (Object.getPrototypeOf(value) as object | null)
  } catch {
    return null
  }
}

function isBuiltinPrototype(proto: object): boolean {
  if (Object.getPrototypeOf(proto) === null) return true
  const ctor = Object.getOwnPropertyDescriptor(proto, 'constructor')?.value
  return typeof ctor !== 'function' || isNative(ctor as AnyFunction)
}
