// node packages/core/bench/measure-corpus.mjs [--filter substring] [--cost class] [--file name] [--seconds S]
// Ground truth for the corpus, without the engine: for each case, in a fresh process with --expose-gc,
// the median cost of one call, then the memory retained per call over three equal segments of calls
// (the event loop turns every 100 calls and before each measurement, as in real use). A leaking case
// grows in every segment; a clean case stops growing after the first. Not a test: costs depend on
// the machine, and the numbers are for the comments on the cases.
import { execFile } from 'node:child_process'
import { setImmediate as immediate, setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { parseArgs, promisify } from 'node:util'
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8'
import { allCases } from '../corpus/index.mjs'

const { values } = parseArgs({
  options: {
    case: { type: 'string' },
    filter: { type: 'string', default: '' },
    cost: { type: 'string' },
    file: { type: 'string' },
    seconds: { type: 'string', default: '3' },
  },
})

if (values.case) {
  process.stdout.write(`${JSON.stringify(await measure(values.case, Number(values.seconds) * 1000))}\n`)
  process.exit(0)
}

const run = promisify(execFile)
const selected = allCases.filter(
  (c) =>
    c.name.includes(values.filter) &&
    (!values.cost || c.cost === values.cost) &&
    (!values.file || c.file === values.file),
)
console.log(
  `${'case'.padEnd(44)} ${'cost'.padEnd(6)} expected  ms/call   calls/seg  B/call per segment (heap+external)`,
)
for (const entry of selected) {
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', fileURLToPath(import.meta.url), '--case', entry.name, '--seconds', values.seconds],
    { maxBuffer: 1 << 24 },
  )
  const m = JSON.parse(stdout)
  const segments = m.segments
    .map((s) => `${s.heap.toFixed(1)}+${s.external.toFixed(1)}`.padStart(14))
    .join(' ')
  console.log(
    `${entry.name.padEnd(44)} ${entry.cost.padEnd(6)} ${entry.expected.padEnd(9)} ${m.msPerCall.toFixed(3).padStart(7)} ` +
      `${String(m.callsPerSegment).padStart(11)} ${segments}`,
  )
}

async function measure(name, budgetMs) {
  const entry = allCases.find((c) => c.name === name)
  const fn = entry.make()
  const call = async () => {
    const value = fn()
    if (value && typeof value.then === 'function') await value
  }
  // Warm-up: JIT, lazy initialisation, pools.
  const warmStart = performance.now()
  for (let i = 0; i < 2000 && (i < 20 || performance.now() - warmStart < 300); i++) await call()
  // Cost: median of 7 batches of about 30 ms each.
  const estimate = (performance.now() - warmStart) / 20
  const batch = Math.max(3, Math.round(30 / Math.max(estimate, 0.001)))
  const perCall = []
  for (let b = 0; b < 7; b++) {
    const started = performance.now()
    for (let i = 0; i < batch; i++) await call()
    perCall.push((performance.now() - started) / batch)
  }
  perCall.sort((a, b) => a - b)
  const msPerCall = perCall[3]
  // Growth: three segments of equal length after a settled baseline.
  const callsPerSegment = Math.max(30, Math.min(20_000, Math.round(budgetMs / 3 / msPerCall)))
  let before = await settledMemory()
  const segments = []
  for (let s = 0; s < 3; s++) {
    for (let i = 0; i < callsPerSegment; i++) {
      await call()
      if (i % 100 === 99) await immediate()
    }
    const after = await settledMemory()
    segments.push({
      heap: (after.heap - before.heap) / callsPerSegment,
      external: (after.external - before.external) / callsPerSegment,
    })
    before = after
  }
  return { name, msPerCall, callsPerSegment, segments }
}

/** Heap after full GCs (minus JIT code, which swings and reverts) and external memory. */
async function settledMemory() {
  for (let i = 0; i < 3; i++) {
    await sleep(1)
    await immediate()
    globalThis.gc()
  }
  const code = getHeapSpaceStatistics()
    .filter((s) => s.space_name === 'code_space' || s.space_name === 'code_large_object_space')
    .reduce((sum, s) => sum + s.space_used_size, 0)
  return { heap: getHeapStatistics().used_heap_size - code, external: process.memoryUsage().external }
}
