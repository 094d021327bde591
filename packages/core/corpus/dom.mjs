// DOM rendering with jsdom (what a component test does under a jsdom environment): one JSDOM per
// case, made in make(); each call renders a subtree. Clean cases remove what they render; leaking
// ones keep a listener on window or detached nodes in a module array.
// Costs: median ms per call measured by bench/measure-corpus.mjs (Node 20, 2 cores, idle machine).
import { JSDOM } from 'jsdom'
import { makeOrders } from './workloads.mjs'

/** @type {import('./case.js').Case[]} */
export const cases = [
  {
    name: 'dom-render-remove-clean',
    cost: '0.1ms',
    expected: 'clean',
    trap: 'DOM render and remove (jsdom)',
    // Measured: 0.07-0.18 ms per call; flat after warm-up (12, -2, 2 B/call over 3 x 20,000 calls).
    make() {
      const { document } = new JSDOM('<!doctype html><main id="app"></main>').window
      const app = document.getElementById('app')
      const orders = makeOrders(8)
      return () => {
        const list = renderList(document, orders)
        app.append(list)
        const count = app.querySelectorAll('li').length
        list.remove()
        return count
      }
    },
  },
  {
    name: 'dom-table-render-1ms-clean',
    cost: '1ms',
    expected: 'clean',
    trap: 'DOM render and remove (jsdom); library caches that fill slowly',
    // Measured: 1.5 ms per call.
    // Retains ~60 B per call for its first ~4,000 calls (jsdom 26 internals filling up), then is flat
    // (measured over 3 x 2,000 calls after warm-up: 62, 40, -2 B/call). With innerHTML instead of
    // createElement the growth lasts ~10,000 calls. Most of it is the optimising compilers'
    // metadata: with them paused, as the check does, it is flat after a few windows (it ran
    // inconclusive at 9.5 s in every run before).
    test: true,
    make() {
      const { document } = new JSDOM('<!doctype html><main id="app"></main>').window
      const app = document.getElementById('app')
      const orders = makeOrders(40)
      return () => {
        const table = document.createElement('table')
        for (const order of orders) {
          const row = table.insertRow()
          for (const text of [order.id, order.customer.name, order.status])
            row.insertCell().textContent = text
        }
        app.append(table)
        const cells = app.querySelectorAll('td').length
        table.remove()
        return cells
      }
    },
  },
  {
    name: 'dom-window-listener-per-render',
    cost: '0.1ms',
    expected: 'leaking',
    trap: 'event listeners (DOM)',
    // Measured: 0.08-0.2 ms per call at first, slower as listeners pile up (jsdom scans the list on
    // every addEventListener); retains ~420 B per call.
    make() {
      const { window } = new JSDOM('<!doctype html><main id="app"></main>')
      const app = window.document.getElementById('app')
      const orders = makeOrders(8)
      let n = 0
      return () => {
        const list = renderList(window.document, orders)
        app.append(list)
        const widget = { id: n++, width: window.innerWidth }
        window.addEventListener('resize', () => (widget.width = window.innerWidth)) /* leak */
        list.remove()
      }
    },
  },
  {
    name: 'dom-detached-nodes-kept',
    cost: '0.1ms',
    expected: 'leaking',
    trap: 'detached DOM nodes kept',
    // Measured: 0.06-0.09 ms per call; retains ~3.2 KB per call (a jsdom element).
    make() {
      const { document } = new JSDOM('<!doctype html><main id="app"></main>').window
      const app = document.getElementById('app')
      const orders = makeOrders(8)
      const closedBadges = []
      return () => {
        const list = renderList(document, orders)
        const badge = document.createElement('span')
        badge.className = 'badge'
        app.append(list, badge)
        list.remove()
        badge.remove()
        closedBadges.push(badge) /* leak */
      }
    },
  },
]

/** A `<ul>` with one `<li>` per order, built with createElement as a small view library would. */
function renderList(document, orders) {
  const list = document.createElement('ul')
  for (const order of orders) {
    const item = document.createElement('li')
    item.className = `order ${order.status}`
    item.textContent = `${order.id} ${order.customer.name}`
    list.append(item)
  }
  return list
}
