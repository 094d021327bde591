/** The global object of the realm (main context, vm context, Jest environment) a function was made in. */
export function realmOf(fn: unknown): typeof globalThis {
  let proto: unknown = Object.getPrototypeOf(fn)
  while (proto && (proto as { constructor?: { name?: string } }).constructor?.name !== 'Function') {
    proto = Object.getPrototypeOf(proto)
  }
  const FunctionInRealm = (proto as { constructor?: FunctionConstructor } | null)?.constructor ?? Function
  try {
    return FunctionInRealm('return globalThis')() as typeof globalThis
  } catch {
    // A realm that forbids code generation from strings: fall back to ours.
    return globalThis
  }
}
