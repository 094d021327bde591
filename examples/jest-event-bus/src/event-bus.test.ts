import { expect, test } from '@jest/globals'
import { leakCheck } from '@leakproof/jest'
import { EventBus, type Order, renderOrderWidget, renderOrderWidgetFixed } from './event-bus'

test('a widget that never unsubscribes leaks (known leak, kept as a regression test)', () => {
  const bus = new EventBus<Order>()
  expect(() => renderOrderWidget(bus)).toLeakMemory()
})

test('the fixed widget unsubscribes when torn down', () => {
  const bus = new EventBus<Order>()
  expect(() => renderOrderWidgetFixed(bus)()).not.toLeakMemory()
})

test('async order handling is awaited one call at a time', async () => {
  const bus = new EventBus<Order>()
  await expect(async () => {
    const teardown = renderOrderWidgetFixed(bus)
    await Promise.resolve()
    bus.emit({ id: 1, total: 10 })
    teardown()
  }).not.toLeakMemory()
})

// Runs once in `npm test`; under the detector with LEAKPROOF=1.
test(
  'a render cycle of the fixed widget',
  leakCheck(() => {
    const bus = new EventBus<Order>()
    renderOrderWidgetFixed(bus)()
  }),
)
