type Listener<T> = (payload: T) => void

export class EventBus<T> {
  readonly #listeners = new Set<Listener<T>>()

  on(listener: Listener<T>): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  emit(payload: T): void {
    for (const listener of this.#listeners) listener(payload)
  }
}

export interface Order {
  id: number
  total: number
}

/** Renders a widget that follows order updates... and never stops following them: a leak. */
export function renderOrderWidget(bus: EventBus<Order>): string {
  const view = { lines: [] as string[] }
  bus.on((order) => view.lines.push(`#${order.id}: ${order.total}`))
  return 'rendered'
}

/** The fix: the widget returns its teardown, and the caller calls it when the widget goes away. */
export function renderOrderWidgetFixed(bus: EventBus<Order>): () => void {
  const view = { lines: [] as string[] }
  return bus.on((order) => view.lines.push(`#${order.id}: ${order.total}`))
}
