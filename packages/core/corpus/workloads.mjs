// Realistic work for the costly cases: documents, log text and binary data built deterministically
// (a seeded generator), so that a case costs the same on every run. Not a case file: index.mjs does
// not list it. Sizes are chosen per cost class in the case files and measured there.
import { createHash } from 'node:crypto'

/** A small deterministic pseudo-random generator (mulberry32), so every run sees the same data. */
export function seeded(seed = 42) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const firstNames = [
  'Ada',
  'Grace',
  'Alan',
  'Edsger',
  'Barbara',
  'Donald',
  'Margaret',
  'Ken',
  'Radia',
  'Linus',
]
const cities = ['Lisbon', 'Oslo', 'Kyoto', 'Austin', 'Nairobi', 'Lima', 'Perth', 'Tallinn']
const tags = ['priority', 'gift', 'wholesale', 'repeat', 'fragile', 'express', 'pickup']

/** `count` orders as an e-commerce API would return them (~420 bytes of JSON each). */
export function makeOrders(count, seed = 42) {
  const random = seeded(seed)
  const pick = (list) => list[Math.floor(random() * list.length)]
  return Array.from({ length: count }, (_, i) => ({
    id: `ord_${(100000 + i).toString(36)}`,
    createdAt: new Date(1_700_000_000_000 + Math.floor(random() * 3e10)).toISOString(),
    status: pick(['pending', 'paid', 'shipped', 'delivered', 'refunded']),
    customer: {
      id: Math.floor(random() * 1e6),
      name: `${pick(firstNames)} ${pick(firstNames)}son`,
      email: `user${i}@example.com`,
      address: { street: `${Math.floor(random() * 999)} Main St`, city: pick(cities), zip: `${10000 + i}` },
    },
    lines: Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
      sku: `SKU-${Math.floor(random() * 1e5)}`,
      quantity: 1 + Math.floor(random() * 5),
      price: Math.round(random() * 10000) / 100,
    })),
    tags: [pick(tags), pick(tags)],
  }))
}

/** `count` lines of an nginx-style access log. */
export function makeAccessLog(count, seed = 7) {
  const random = seeded(seed)
  const paths = ['/api/users', '/api/orders', '/login', '/static/app.js', '/health', '/api/cart']
  let text = ''
  for (let i = 0; i < count; i++) {
    const ip = `10.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}`
    const path = paths[Math.floor(random() * paths.length)]
    const status = random() < 0.9 ? 200 : random() < 0.5 ? 404 : 500
    text += `${ip} - - [12/Mar/2025:10:${String(i % 60).padStart(2, '0')}:00 +0000] "${random() < 0.7 ? 'GET' : 'POST'} ${path}?page=${i % 50} HTTP/1.1" ${status} ${Math.floor(random() * 5000)} "-" "Mozilla/5.0"\n`
  }
  return text
}

/** Parses a JSON document and serialises a summary of it: what an API handler does. */
export function jsonRoundTrip(text) {
  const orders = JSON.parse(text)
  let total = 0
  for (const order of orders) for (const line of order.lines) total += line.quantity * line.price
  return JSON.stringify({ count: orders.length, total, first: orders[0], last: orders.at(-1) })
}

/** Sorts a copy of the orders by city, then status, then creation date. */
export function sortOrders(orders) {
  return [...orders].sort(
    (a, b) =>
      compare(a.customer.address.city, b.customer.address.city) ||
      compare(a.status, b.status) ||
      compare(a.createdAt, b.createdAt),
  )
}

function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0
}

const requestLine =
  /^(\d+\.\d+\.\d+\.\d+) - - \[([^\]]+)\] "(GET|POST) ([^ ?]+)\S* HTTP\/1\.1" (\d{3}) (\d+)/gm

/** Counts requests and bytes per path and status from an access log. */
export function scanLog(text) {
  const byPath = new Map()
  let errors = 0
  for (const match of text.matchAll(requestLine)) {
    byPath.set(match[4], (byPath.get(match[4]) ?? 0) + Number(match[6]))
    if (match[5] !== '200') errors++
  }
  return { paths: byPath.size, errors }
}

/** Builds a CSV export of the orders, one string. */
export function toCsv(orders) {
  let csv = 'id,created,status,customer,city,total\n'
  for (const order of orders) {
    const total = order.lines.reduce((sum, line) => sum + line.quantity * line.price, 0)
    csv += `${order.id},${order.createdAt},${order.status},"${order.customer.name}",${order.customer.address.city},${total.toFixed(2)}\n`
  }
  return csv
}

/** SHA-256 chained `rounds` times over a block: a content hash of a large upload. */
export function hashRounds(block, rounds) {
  let digest = block
  for (let i = 0; i < rounds; i++) digest = createHash('sha256').update(block).update(digest).digest()
  return digest.toString('hex')
}

/** 128 KB of realistic, compressible text (the JSON of orders), as a Buffer. */
export function text128k() {
  return Buffer.from(JSON.stringify(makeOrders(400))).subarray(0, 128 * 1024)
}
