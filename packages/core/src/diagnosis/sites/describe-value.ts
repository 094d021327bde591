import { types } from 'node:util'
import { format, type NewPlugin } from 'pretty-format'
import { constructorName } from '../retainers/constructor-name.js'

/** Levels of nesting shown; deeper objects print as `[Object]`, `[Session]`, like the runners. */
const maxDepth = 2
/** Items shown of an array, Map or Set before `…`, like the runners' `maxWidth`. */
const maxWidth = 5
/** Keys copied of an object: more than 120 characters' worth however short, so the cap shows `…`. */
const maxKeys = 20
const maxLength = 120

// The originals, taken before the store tracker patches `push`, `set` and `add` during a diagnosis.
const mapEntries = Map.prototype.entries
const mapSet = Map.prototype.set
const setValues = Set.prototype.values
const setAdd = Set.prototype.add
const dateTime = Date.prototype.getTime
const typedArrayLength = Object.getOwnPropertyDescriptor(
  Object.getPrototypeOf(Uint8Array.prototype) as object,
  'length',
)!.get!
const regExpSource = Object.getOwnPropertyDescriptor(RegExp.prototype, 'source')!.get!
const regExpFlags = Object.getOwnPropertyDescriptor(RegExp.prototype, 'flags')!.get!

/**
 * A one-line sample of a leaked value as Jest's and Vitest's messages print values (pretty-format,
 * `min`): `Session {"id": 7, "user": "ada", "payload": [1, 2, 3]}`, `[Function onTick]`,
 * `Buffer [104, 101, 108, 108, 111, …]`. At most 120 characters; never throws.
 *
 * No code of the user's runs: the diagnosis must not change what it observes (a getter that counts,
 * a MobX or Vue observable that tracks reads, a Proxy's traps). So pretty-format never sees the
 * value itself, only an inert copy made from property descriptors and the built-ins' own methods:
 * a getter prints as `[Getter]`, a Proxy as `[Proxy]`, without being called. Keys keep the order
 * they were written in (the runners sort them), which matches the storing line shown above them.
 */
export function describeValue(value: unknown): string {
  try {
    const text = format(inert(value, 0, []), {
      callToJSON: false,
      compareKeys: null,
      maxDepth: maxDepth + 1,
      maxWidth,
      min: true,
      plugins: [shownPlugin, namedPlugin],
    })
    return cap(text.replace(/\r?\n/g, '\\n'))
  } catch {
    return valueKind(value)
  }
}

/** What kind of value it is, for a count of them: `Session`, `Object`, `(closure)`, `string`. */
export function valueKind(value: unknown): string {
  if (typeof value === 'function') return '(closure)'
  if (value === null) return 'null'
  if (typeof value !== 'object') return typeof value
  if (types.isProxy(value)) return 'Proxy'
  return constructorName(value)
}

/** Text printed as it is: `[Getter]`, `[Circular]`, `[Session]`. */
class Shown {
  constructor(readonly text: string) {}
}

/** A copy that pretty-format's `min` style would print without its class name. */
class Named {
  constructor(
    readonly name: string,
    readonly body: object,
  ) {}
}

const shownPlugin: NewPlugin = {
  test: (val) => val instanceof Shown,
  serialize: (val: Shown) => val.text,
}

const namedPlugin: NewPlugin = {
  test: (val) => val instanceof Named,
  serialize: (val: Named, config, indentation, depth, refs, printer) =>
    `${val.name} ${printer(val.body, config, indentation, depth, refs)}`,
}

/** `value` as plain data of our own: primitives, arrays, Maps, Sets, `Shown` and `Named`. */
function inert(value: unknown, depth: number, ancestors: object[]): unknown {
  if (typeof value === 'string') return value.length > maxLength ? `${value.slice(0, maxLength)}…` : value
  if (typeof value === 'function') return new Shown(`[Function ${functionName(value)}]`)
  if (value === null || typeof value !== 'object') return value
  if (types.isProxy(value)) return new Shown('[Proxy]')
  if (ancestors.includes(value)) return new Shown('[Circular]')
  const name = constructorName(value)
  const inner = [...ancestors, value]
  if (types.isDate(value)) return new Date(dateTime.call(value))
  if (types.isRegExp(value)) return new Shown(`/${regExpSource.call(value)}/${regExpFlags.call(value)}`)
  if (types.isNativeError(value)) return new Shown(`[${name}: ${dataProperty(value, 'message') ?? ''}]`)
  if (types.isPromise(value) || types.isWeakMap(value) || types.isWeakSet(value)) {
    return new Shown(`${name} {}`)
  }
  if (types.isAnyArrayBuffer(value)) return new Shown(`${name} [${value.byteLength} bytes]`)
  if (depth >= maxDepth) return new Shown(`[${name}]`)
  if (types.isTypedArray(value)) {
    const length = Math.min(typedArrayLength.call(value) as number, maxWidth + 1)
    const items: unknown[] = []
    // Indexed elements of a typed array are not properties: reading them runs nothing.
    for (let i = 0; i < length; i++) items[i] = (value as unknown as ArrayLike<unknown>)[i]
    return new Named(name, items)
  }
  if (types.isMap(value)) {
    const copy = new Map<unknown, unknown>()
    for (const entry of iterate(mapEntries.call(value) as Iterator<[unknown, unknown]>)) {
      mapSet.call(copy, inert(entry[0], depth + 1, inner), inert(entry[1], depth + 1, inner))
    }
    // pretty-format prints `Map {…}` whatever the subclass.
    return copy
  }
  if (types.isSet(value)) {
    const copy = new Set<unknown>()
    for (const item of iterate(setValues.call(value) as Iterator<unknown>)) {
      setAdd.call(copy, inert(item, depth + 1, inner))
    }
    return copy
  }
  if (Array.isArray(value)) {
    const length = Math.min(value.length, maxWidth + 1)
    const items: unknown[] = []
    for (let i = 0; i < length; i++) items[i] = property(value, String(i), depth, inner)
    return name === 'Array' ? items : new Named(name, items)
  }
  const copy: Record<string, unknown> = Object.create(null)
  for (const key of Object.keys(value).slice(0, maxKeys)) copy[key] = property(value, key, depth, inner)
  return name === 'Object' ? copy : new Named(name, copy)
}

/** Up to `maxWidth + 1` items: one more than is shown, so pretty-format prints `…` after them. */
function* iterate<T>(iterator: Iterator<T>): Generator<T> {
  for (let i = 0; i <= maxWidth; i++) {
    const next = iterator.next()
    if (next.done) return
    yield next.value
  }
}

function property(owner: object, key: string, depth: number, ancestors: object[]): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(owner, key)
  if (!descriptor) return undefined
  if ('value' in descriptor) return inert(descriptor.value, depth + 1, ancestors)
  // Node's util.inspect names accessors this way; pretty-format would call the getter.
  if (descriptor.get && descriptor.set) return new Shown('[Getter/Setter]')
  return new Shown(descriptor.get ? '[Getter]' : '[Setter]')
}

function dataProperty(owner: object, key: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(owner, key)
  return descriptor && 'value' in descriptor ? descriptor.value : undefined
}

function functionName(fn: unknown): string {
  const name = dataProperty(fn as object, 'name')
  return typeof name === 'string' && name ? name : 'anonymous'
}

function cap(text: string): string {
  if (text.length <= maxLength) return text
  let end = maxLength - 1
  // Do not split a surrogate pair.
  if (/[\uD800-\uDBFF]/.test(text[end - 1]!)) end--
  return `${text.slice(0, end)}…`
}
