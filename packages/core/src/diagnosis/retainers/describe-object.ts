import { types } from 'node:util'
import { formatCount } from '../../runtime/format-count.js'
import { constructorName } from './constructor-name.js'

/**
 * A short, stable label for an object on a retainer path: `Map (1,204 entries)`, `Array (3 items)`,
 * `Session { id, user, payload }`, `(closure)`. Reads only own data properties: no getter runs.
 */
export function describeObject(value: unknown): string {
  if (typeof value === 'function') return '(closure)'
  if (typeof value === 'string') return `string (${formatCount(value.length)} chars)`
  if (value === null || typeof value !== 'object') return typeof value
  if (types.isProxy(value)) return 'Proxy'
  const name = constructorName(value)
  if (types.isMap(value)) return `${name} (${formatCount((value as Map<unknown, unknown>).size)} entries)`
  if (types.isSet(value)) return `${name} (${formatCount((value as Set<unknown>).size)} values)`
  if (Array.isArray(value)) return `${name} (${formatCount(value.length)} items)`
  if (types.isAnyArrayBuffer(value)) return `${name} (${formatCount(value.byteLength)} bytes)`
  if (types.isTypedArray(value)) return `${name} (${formatCount(value.byteLength)} bytes)`
  let keys: string[]
  try {
    // `_events`, `_maxListeners`: a class's internals say less than its name.
    keys = Object.keys(value).filter((key) => !key.startsWith('_'))
  } catch {
    return name
  }
  if (keys.length === 0) return name
  return `${name} { ${keys.slice(0, 3).join(', ')}${keys.length > 3 ? ', ...' : ''} }`
}
