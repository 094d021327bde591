import { describe, expect, test } from 'vitest'
import { ownersOf, type ProfileNode } from '../../../src/diagnosis/sites/allocation-profiler.js'
import type { FrameOwner } from '../../../src/result/leak-site.js'

let nextId = 1
/** A profile node whose url says whose code it is: `user:render`, `leakproof:push`, `internal:`. */
function node(url: string, ...children: ProfileNode[]): ProfileNode {
  const [, functionName = ''] = url.split(':')
  return { id: nextId++, callFrame: { functionName, url, lineNumber: 0, columnNumber: 0 }, children }
}
const kindOf = (url: string) => (url.split(':')[0] || 'internal') as FrameOwner

describe('ownersOf', () => {
  test('allocations inside the call are charged to the innermost user frame', () => {
    const map = node('internal:Map')
    const helper = node('user:scan', map)
    const fn = node('user:fn', helper)
    const head = node('internal:(root)', node('leakproof:diagnoseSync', fn))
    const owners = ownersOf(head, kindOf)
    expect(owners.get(map.id)).toBe(helper)
    expect(owners.get(fn.id)).toBe(fn)
  })

  test("leakproof's instrumentation under a user frame allocates for nobody", () => {
    // render() -> jsdom's queue.push([]) -> leakproof's push wrapper -> the tracker's record.
    const record = node('leakproof:record', node('internal:WeakMap.set'))
    const original = node('internal:push')
    const wrapper = node('leakproof:push', record, original)
    const library = node('library:ceReactionsPreSteps', wrapper)
    const render = node('user:render', library)
    const head = node('internal:(root)', node('leakproof:diagnoseSync', node('user:fn', render)))
    const owners = ownersOf(head, kindOf)
    expect(owners.get(library.id)).toBe(render)
    expect(owners.get(wrapper.id)).toBeUndefined()
    expect(owners.get(record.id)).toBeUndefined()
    expect(owners.get(record.children[0]!.id)).toBeUndefined()
    expect(owners.get(original.id)).toBeUndefined()
  })

  test('a user callback called from inside the instrumentation is the user again', () => {
    const callback = node('user:onTick', node('internal:Object'))
    const head = node(
      'internal:(root)',
      node('leakproof:diagnoseSync', node('user:fn', node('leakproof:on', callback))),
    )
    expect(ownersOf(head, kindOf).get(callback.children[0]!.id)).toBe(callback)
  })

  test('an async function resumed from the microtask queue: its own frame, not a wrapper below it', () => {
    const wrapper = node('leakproof:push', node('internal:push'))
    const resumed = node('user:fn', node('internal:Object'), wrapper)
    const owners = ownersOf(node('internal:(root)', resumed), kindOf)
    expect(owners.get(resumed.children[0]!.id)).toBe(resumed)
    expect(owners.get(wrapper.children[0]!.id)).toBeUndefined()
  })

  test('the test callback under the runner is outside the call', () => {
    const testCallback = node('user:test', node('internal:Array'))
    const head = node('internal:(root)', node('library:runTest', testCallback))
    expect(ownersOf(head, kindOf).get(testCallback.children[0]!.id)).toBeUndefined()
  })
})
