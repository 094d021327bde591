/**
 * The name of `value`'s constructor, read from property descriptors only (no getter, no Proxy trap
 * of a prototype runs): `Session`, `Map`, or `Object` when there is none.
 */
export function constructorName(value: object): string {
  try {
    const proto = Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null
    if (proto === null) return 'Object'
    const name = Object.getOwnPropertyDescriptor(proto, 'constructor')?.value?.name
    return typeof name === 'string' && name ? name : 'Object'
  } catch {
    return 'Object'
  }
}
