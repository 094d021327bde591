import { types } from 'node:util'
import { describeObject } from './describe-object.js'
import type { AnyFunction, ClosureScope } from './scope-reader.js'

// The edges the holder walk follows from an object: what it holds strongly and JavaScript (or the
// inspector, for closures' scopes and private fields) can see without running the object's code.

/** One object or value the walk reached, and how. */
export interface HolderStep {
  value: unknown
  parent: number
  /** How the parent holds it: `sessions`, `[3]`, `.get(key)`, `get price`, `#listeners`. */
  edge: string
  /** Set when the edge is a variable of a scope: where that scope is. */
  scope?: { file: string | undefined; outermost: boolean; kind: string }
  global?: boolean
}

/** Adds a step to the walk; true when it is what the walk looks for. */
export type AddStep = (step: HolderStep, later?: boolean) => boolean

/** Reads an instance's private fields (the inspector, in production). */
export type ReadPrivateFields = (object: object) => Record<string, unknown>

/** Children per collection or object looked at: a leaking Map may hold a million entries. */
const maxChildren = 200
const skippedFunctionKeys = new Set(['prototype', 'name', 'length', 'caller', 'arguments'])

export function visitScopes(
  scopes: ClosureScope[],
  file: string | undefined,
  parent: number,
  later: boolean,
  add: AddStep,
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

export function visitPrivateFields(
  read: ReadPrivateFields,
  object: object,
  parent: number,
  add: AddStep,
): boolean {
  let fields: Record<string, unknown>
  try {
    fields = read(object)
  } catch {
    return false
  }
  for (const [name, value] of Object.entries(fields)) if (add({ value, parent, edge: name })) return true
  return false
}

/** An object made by a class of the user's (or a library's): one that may have private fields. */
export function isInstance(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || types.isProxy(value)) return false
  const proto = safePrototype(value)
  return proto !== null && !isBuiltinPrototype(proto)
}

/** What an object holds strongly and JavaScript can see without running its code. */
export function visitChildren(value: unknown, parent: number, add: AddStep): boolean {
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

function describeKey(key: unknown): string {
  if (typeof key === 'string') return JSON.stringify(key.length > 30 ? `${key.slice(0, 27)}...` : key)
  if (typeof key === 'number' || typeof key === 'boolean' || typeof key === 'bigint') return String(key)
  return describeObject(key)
}

export function isNative(fn: AnyFunction): boolean {
  try {
    return Function.prototype.toString.call(fn).endsWith('{ [native code] }')
  } catch {
    return true
  }
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
