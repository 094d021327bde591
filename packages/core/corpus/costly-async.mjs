// Async I/O that costs 0.1-10 ms per call: file reads, HTTP round trips on loopback, compression on
// the thread pool, timers, pub/sub. Unlike sync CPU work, the memory of I/O swings by kilobytes from
// one window to the next (sockets, parsers, zlib, Buffer pools) and comes back. Servers listen on
// 127.0.0.1 only and are unref()ed, so the process exits when the check is done.
// Costs: median ms per call measured by bench/measure-corpus.mjs (Node 20, 2 cores, idle machine).
import { EventEmitter, once } from 'node:events'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { Agent, createServer, get } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import { deflate as deflateCallback } from 'node:zlib'
import { makeOrders, text128k } from './workloads.mjs'

const deflate = promisify(deflateCallback)

/** @type {import('./case.js').Case[]} */
export const cases = [
  {
    name: 'fs-readfile-64k-clean',
    cost: '0.1ms',
    expected: 'clean',
    trap: 'async I/O (file reads)',
    // Measured: 0.07-0.15 ms per call; +-40 B/call of noise per segment, flat.
    make() {
      const file = tempFile(64 * 1024)
      return async () => (await readFile(file)).length
    },
  },
  {
    name: 'fs-readfile-64k-cache-fresh-key',
    cost: '0.1ms',
    expected: 'leaking',
    trap: 'async cache keyed by fresh keys (~100 B per call)',
    // Measured: 0.07-0.15 ms per call; retains ~70-130 B per call.
    make() {
      const file = tempFile(64 * 1024)
      const sizes = new Map()
      let n = 0
      return async () => {
        const data = await readFile(file)
        sizes.set(`read-${n++}`, { bytes: data.length }) /* leak */
      }
    },
  },
  {
    name: 'http-get-keepalive-clean',
    cost: '0.1ms',
    expected: 'clean',
    trap: 'async I/O (loopback HTTP, keep-alive)',
    // Measured: 0.09-0.19 ms per call; flat after warm-up (+-20 B/call of socket noise). With V8's
    // optimising compilers on, their metadata grows ~40 B/call over the first 4,000 calls, ever
    // slower (code optimised with a request's objects in it, thrown away at each full GC): the
    // check pauses them, and this ran inconclusive at 9.5 s in every run before it did.
    test: true,
    make() {
      const server = jsonServer()
      const agent = new Agent({ keepAlive: true, maxSockets: 1 })
      return async () => (await getJson(server, agent)).length
    },
  },
  {
    name: 'http-get-new-connection-clean',
    cost: '1ms',
    expected: 'clean',
    trap: 'async I/O (loopback HTTP, a connection per call)',
    // Measured: 0.44 ms per call; +-100 B/call of noise per segment that returns.
    make() {
      const server = jsonServer()
      const agent = new Agent({ keepAlive: false })
      return async () => (await getJson(server, agent)).length
    },
  },
  {
    name: 'http-get-keepalive-audit-record',
    cost: '0.1ms',
    expected: 'leaking',
    trap: 'audit log (~60 B per call), async I/O',
    // Measured: 0.1-0.2 ms per call; retains ~60 B per call.
    make() {
      const server = jsonServer()
      const agent = new Agent({ keepAlive: true, maxSockets: 1 })
      const audit = []
      let n = 0
      return async () => {
        const items = await getJson(server, agent)
        audit.push({ seq: n++, status: 200, items: items.length }) /* leak */
      }
    },
  },
  {
    name: 'zlib-deflate-128k-clean',
    cost: '1ms',
    expected: 'clean',
    trap: 'async I/O (zlib on the thread pool)',
    // Measured: 0.7 ms per call; +-150 B/call of noise per segment that returns.
    make() {
      const input = text128k()
      return async () => (await deflate(input, { level: 3 })).length
    },
  },
  {
    name: 'zlib-deflate-128k-buffer-kept',
    cost: '1ms',
    expected: 'leaking',
    trap: 'async external memory (Buffer)',
    // Measured: 0.7 ms per call; retains 1,024 B external + ~270 B heap per call.
    make() {
      const input = text128k()
      const headers = []
      return async () => {
        const compressed = await deflate(input, { level: 3 })
        const header = Buffer.alloc(1024)
        compressed.copy(header, 0, 0, 1024)
        headers.push(header) /* leak */
      }
    },
  },
  {
    name: 'sleep-1ms-clean',
    cost: '1ms',
    expected: 'clean',
    trap: 'async timers (await setTimeout)',
    // Measured: 1.1 ms per call; flat (+-100 B/call of timer noise).
    make() {
      return async () => {
        await sleep(1)
        return { ok: true }
      }
    },
  },
  {
    name: 'sleep-1ms-subscribe-without-unsubscribe',
    cost: '1ms',
    expected: 'leaking',
    trap: 'event listeners (async)',
    // Measured: 1.1 ms per call; retains ~140 B per call (closure, view, slot).
    make() {
      const updates = new EventEmitter()
      updates.setMaxListeners(0)
      return async () => {
        const view = { rows: 0 }
        await sleep(1)
        updates.on('update', (rows) => (view.rows = rows)) /* leak */
      }
    },
  },
  {
    name: 'sleep-1ms-pubsub-unsubscribe',
    cost: '1ms',
    expected: 'clean',
    trap: 'event listeners removed (async)',
    // Measured: 1.1 ms per call; flat.
    make() {
      const updates = new EventEmitter()
      return async () => {
        const view = { rows: 0 }
        const onUpdate = (rows) => (view.rows = rows)
        updates.on('update', onUpdate)
        await sleep(1)
        updates.emit('update', 3)
        updates.off('update', onUpdate)
        return view.rows
      }
    },
  },
  {
    name: 'retry-backoff-3ms-clean',
    cost: '3ms',
    expected: 'clean',
    trap: 'async timers (await setTimeout)',
    // Measured: 3.2 ms per call; flat.
    make() {
      let attempt = 0
      return async () => {
        const error = new Error(`attempt ${++attempt} failed`)
        await sleep(3)
        return error.message.length
      }
    },
  },
  {
    name: 'poll-10ms-audit-record',
    cost: '10ms',
    expected: 'leaking',
    trap: 'audit log (~60 B per call), async',
    // Measured: 10.3 ms per call; retains ~50 B per call.
    make() {
      const polls = []
      let n = 0
      return async () => {
        await sleep(10)
        polls.push({ seq: n++, changed: false, ok: true }) /* leak */
      }
    },
  },
]

/** A temporary file of `bytes` bytes, removed when the process exits. */
function tempFile(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'leakproof-corpus-'))
  const file = join(dir, 'data.json')
  writeFileSync(file, Buffer.alloc(bytes, JSON.stringify(makeOrders(20))))
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
  return file
}

/** An HTTP server on 127.0.0.1 (any free port) answering every GET with the same ~4 KB JSON array. */
function jsonServer() {
  const body = JSON.stringify(makeOrders(10))
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end(body)
  })
  server.on('connection', (socket) => socket.unref())
  server.listen(0, '127.0.0.1').unref()
  return { server, ready: once(server, 'listening') }
}

/** GETs the server's JSON through `agent` and parses it. */
async function getJson({ server, ready }, agent) {
  await ready
  const { port } = server.address()
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/orders', agent }, (response) => {
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (chunk) => (text += chunk))
      response.on('end', () => resolve(JSON.parse(text)))
      response.on('error', reject)
    }).on('error', reject)
  })
}
