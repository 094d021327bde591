// node bench/bench-diagnosis.mjs: what a leak verdict costs with and without its diagnosis, on a
// heap of about 10 MB (the size of a Vitest worker's). Each configuration runs in a fresh process;
// prints medians of 5 runs.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const self = fileURLToPath(import.meta.url)
if (process.argv[2] === 'child') {
  const { detectLeak } = await import('../dist/index.js')
  const v8 = await import('node:v8')
  // Ballast: long-lived objects up to ~10 MB of heap, like a test runner's worker.
  const ballast = []
  while (v8.default.getHeapStatistics().used_heap_size < 10 * 2 ** 20)
    ballast.push({ text: `ballast ${ballast.length}` })
  const sessions = new Map()
  let next = 0
  const openSession = (user) => {
    const session = { id: next++, user, payload: [1, 2, 3] }
    sessions.set(session.id, session)
  }
  const options = JSON.parse(process.argv[3])
  const started = performance.now()
  const result = detectLeak(() => openSession('ada'), options)
  const heapMB = v8.default.getHeapStatistics().used_heap_size / 2 ** 20
  console.log(
    JSON.stringify({
      wallMs: performance.now() - started,
      verdictMs: result.durationMs,
      heapMB,
      ballast: ballast.length,
      retainers: result.retainers?.length ?? 0,
    }),
  )
  process.exit(0)
}

const configs = {
  'verdict only': { sites: false, retainers: false },
  'verdict + sites': { sites: true, retainers: false },
  'verdict + sites + retainers': { sites: true, retainers: true },
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const rows = {}
for (const [name, options] of Object.entries(configs)) {
  const runs = Array.from({ length: 5 }, () =>
    JSON.parse(
      execFileSync(process.execPath, [self, 'child', JSON.stringify(options)], { encoding: 'utf8' }),
    ),
  )
  rows[name] = {
    'median total (ms)': median(runs.map((r) => r.wallMs)).toFixed(0),
    'median verdict (ms)': median(runs.map((r) => r.verdictMs)).toFixed(0),
    'heap at the end (MB)': median(runs.map((r) => r.heapMB)).toFixed(1),
    'retainer paths': median(runs.map((r) => r.retainers)),
  }
}
console.table(rows)
