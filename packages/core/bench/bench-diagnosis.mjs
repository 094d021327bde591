// npm run bench:diagnosis [-- --runs N --heaps 10,50,150 --json path]
// npm run bench:diagnosis -- --corpus [--runs N --filter substring]
// What a leak verdict's diagnosis costs, in time and memory, as the heap grows: each run is a fresh
// process that grows a heap of long-lived ballast (like a test runner's worker, or a ts-jest worker
// with the compiler in it), then checks a leaking function. Prints the median and p95 of the
// diagnosis time and of the process's peak RSS, per heap size and kind of leak.
// With --corpus: every leaking corpus case instead, on a bare heap, with what the diagnosis got right
// (the stored-at line ends with /* leak */; allocated-in is in the case's function, at or before that
// line, or on the line marked /* alloc */) and whether it found a retainer path.
import { execFile } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { parseArgs, promisify } from 'node:util'

const self = fileURLToPath(import.meta.url)

if (process.argv[2] === 'corpus-child') {
  const { readFileSync } = await import('node:fs')
  const { allCases } = await import('../corpus/index.mjs')
  const { detectLeak } = await import('../dist/index.js')
  const entry = allCases.find((c) => c.name === process.argv[3])
  const file = fileURLToPath(new URL(`../corpus/${entry.file}.mjs`, import.meta.url))
  const lines = readFileSync(file, 'utf8').split('\n')
  const start = lines.findIndex((line) => line.includes(`name: '${entry.name}'`)) + 1
  const leakLine = lines.findIndex((line, i) => i >= start && line.includes('/* leak */')) + 1
  // Where what leaks is made after the storing line (a constructor that registers \`this\`), the
  // case marks the making line with /* alloc */.
  const nextCase = lines.findIndex((line, i) => i >= start && /^\s*name: '/.test(line))
  const allocLine =
    lines.findIndex(
      (line, i) => i >= start && (nextCase < 0 || i < nextCase) && line.includes('/* alloc */'),
    ) + 1
  const result = await detectLeak(entry.make(), { debug: true })
  const storedAt = result.sites?.find((site) => site.kind === 'stored-at')
  const allocatedIn = result.sites?.find((site) => site.kind === 'allocated-in')
  console.log(
    JSON.stringify({
      status: result.status,
      verdictMs: result.verdictMs,
      diagnosisMs: result.diagnosisMs ?? 0,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
      storedAtRight: storedAt?.file === file && storedAt.line === leakLine,
      allocatedInRight:
        allocatedIn?.file === file &&
        (allocLine > 0
          ? allocatedIn.line === allocLine
          : allocatedIn.line >= start && allocatedIn.line <= leakLine),
      retainers: result.retainers?.length ?? 0,
      path: result.retainers?.[0]?.path.join(' → ') ?? result.diagnosisNotes?.join('; ') ?? '',
      storedAt: storedAt && `${storedAt.line} ${storedAt.source}`,
      allocatedIn: allocatedIn && `${allocatedIn.line} ${allocatedIn.source}`,
    }),
  )
  process.exit(0)
}

if (process.argv[2] === 'child') {
  const v8 = await import('node:v8')
  const { detectLeak } = await import('../dist/index.js')
  const [, , , heapMB, kind, optionsJson] = process.argv
  // Ballast: long-lived objects and strings, reachable from a module variable.
  const ballast = []
  while (v8.default.getHeapStatistics().used_heap_size < Number(heapMB) * 2 ** 20) {
    ballast.push({ text: `ballast ${ballast.length}`, at: ballast.length, list: [1, 2] })
  }
  const leaks = {
    // The structure is known to the stored-at tracker: the retainer walk starts from it.
    'map.set': () => {
      const sessions = new Map()
      let next = 0
      return () => {
        const session = { id: next++, user: 'ada', payload: [1, 2, 3] }
        sessions.set(session.id, session)
      }
    },
    // An index write: the variable is found in the source, the walk looks for it by name.
    'index write': () => {
      const slots = []
      let next = 0
      return () => {
        slots[next++] = { at: next }
      }
    },
  }
  const fn = leaks[kind]()
  const rssBefore = process.memoryUsage().rss
  const started = performance.now()
  const result = detectLeak(fn, JSON.parse(optionsJson))
  const wallMs = performance.now() - started
  console.log(
    JSON.stringify({
      status: result.status,
      wallMs,
      verdictMs: result.verdictMs,
      diagnosisMs: result.diagnosisMs ?? 0,
      heapMB: v8.default.getHeapStatistics().used_heap_size / 2 ** 20,
      rssBeforeMB: rssBefore / 2 ** 20,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
      retainers: result.retainers?.length ?? 0,
      path: result.retainers?.[0]?.path.join(' → ') ?? result.diagnosisNotes?.join('; ') ?? '',
      phases: result.diagnosisNotes?.find((note) => note.startsWith('diagnosis phases')) ?? '',
      storedAt: result.sites?.find((site) => site.kind === 'stored-at')?.source,
      allocatedIn: result.sites?.find((site) => site.kind === 'allocated-in')?.source,
      ballast: ballast.length,
    }),
  )
  process.exit(0)
}

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    heaps: { type: 'string', default: '10,50,150' },
    kinds: { type: 'string', default: 'map.set,index write' },
    corpus: { type: 'boolean', default: false },
    filter: { type: 'string', default: '' },
    json: { type: 'string', default: 'bench-diagnosis.json' },
  },
})
const run = promisify(execFile)
const quantile = (xs, q) => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
}
if (values.corpus) {
  await benchCorpus()
  process.exit(0)
}
const options = { sites: true, retainers: true, timeout: 60_000, debug: true }
const rows = {}
const all = []
for (const heapMB of values.heaps.split(',')) {
  for (const kind of values.kinds.split(',')) {
    const runs = []
    for (let i = 0; i < Number(values.runs); i++) {
      const { stdout } = await run(process.execPath, [self, 'child', heapMB, kind, JSON.stringify(options)], {
        maxBuffer: 2 ** 24,
      })
      runs.push(JSON.parse(stdout))
    }
    all.push({ heapMB: Number(heapMB), kind, runs })
    const leaking = runs.filter((r) => r.status === 'leaking')
    const ms = leaking.map((r) => r.diagnosisMs)
    const rss = leaking.map((r) => r.peakRssMB)
    rows[`${heapMB} MB, ${kind}`] = {
      leaks: `${leaking.length}/${runs.length}`,
      'verdict median (ms)': Math.round(
        quantile(
          leaking.map((r) => r.verdictMs),
          0.5,
        ),
      ),
      'diagnosis median / p95 (ms)': `${Math.round(quantile(ms, 0.5))} / ${Math.round(quantile(ms, 0.95))}`,
      'live heap (MB)': Math.round(
        quantile(
          leaking.map((r) => r.heapMB),
          0.5,
        ),
      ),
      'RSS before check (MB)': Math.round(
        quantile(
          leaking.map((r) => r.rssBeforeMB),
          0.5,
        ),
      ),
      'peak RSS median / max (MB)': `${Math.round(quantile(rss, 0.5))} / ${Math.round(Math.max(...rss))}`,
      'with a retainer path': leaking.filter((r) => r.retainers > 0).length,
    }
    const first = leaking[0]
    console.log(
      `${heapMB} MB, ${kind}: ${first ? `${first.phases}; kept alive by ${first.path}` : runs[0]?.status}`,
    )
  }
}
console.table(rows)
await writeFile(values.json, `${JSON.stringify({ node: process.version, options, rows, all }, null, 2)}\n`)
console.log(`wrote ${values.json}`)

async function benchCorpus() {
  const { allCases } = await import('../corpus/index.mjs')
  const cases = allCases.filter((c) => c.expected === 'leaking' && c.name.includes(values.filter))
  const runs = []
  for (let i = 0; i < Number(values.runs); i++) {
    for (const entry of cases) {
      const { stdout } = await run(process.execPath, [self, 'corpus-child', entry.name], {
        maxBuffer: 2 ** 24,
      })
      const result = { name: entry.name, ...JSON.parse(stdout) }
      runs.push(result)
      const marks = `${result.storedAtRight ? 'S' : '-'}${result.allocatedInRight ? 'A' : '-'}${result.retainers ? 'R' : '-'}`
      console.log(
        `${marks} ${entry.name.padEnd(34)} ${String(Math.round(result.diagnosisMs)).padStart(5)} ms  ${result.path}`,
      )
    }
  }
  const leaking = runs.filter((r) => r.status === 'leaking')
  const share = (field) => `${leaking.filter((r) => r[field]).length} / ${leaking.length}`
  const ms = leaking.map((r) => r.diagnosisMs)
  console.table({
    'leak verdicts': `${leaking.length} / ${runs.length}`,
    '"stored at" names the leaking line first': share('storedAtRight'),
    '"allocated in" in the leaking function': share('allocatedInRight'),
    'a retainer path': share('retainers'),
    'diagnosis median / p95 (ms)': `${Math.round(quantile(ms, 0.5))} / ${Math.round(quantile(ms, 0.95))}`,
    'peak RSS median / max (MB)': `${Math.round(
      quantile(
        leaking.map((r) => r.peakRssMB),
        0.5,
      ),
    )} / ${Math.round(Math.max(...leaking.map((r) => r.peakRssMB)))}`,
  })
  for (const r of leaking.filter((r) => !r.storedAtRight || !r.allocatedInRight || !r.retainers)) {
    console.log(`${r.name}: stored at ${r.storedAt}; allocated in ${r.allocatedIn}; ${r.path}`)
  }
  await writeFile(values.json, `${JSON.stringify({ node: process.version, runs }, null, 2)}\n`)
}
