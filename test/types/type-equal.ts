// Exact type equality for the type tests: `void` is not `void | Promise<void>`, nor `any`.
export type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false

/** Compiles only when `Actual` is exactly `Expected`. */
export function expectType<Expected>() {
  return <Actual>(_value: Actual, ..._exact: Equal<Actual, Expected> extends true ? [] : [never]) => {}
}
