// npm run bench [-- --repeats N --filter substring --json path]
// Runs every corpus case N times, each in a fresh Node process, and reports accuracy and speed.
import { execFile } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs, promisify } from 'node:util'
import { allCases } from '../corpus/index.mjs'

const run = promisify(execFile)
const here = dirname(fileURLToPath(import.meta.url))
const { values } = parseArgs({
  options: {
    repeats: { type: 'string', default: '3' },
    filter: { type: 'string', default: '' },
    json: { type: 'string', default: 'bench-results.json' },
  },
})
const repeats = Number(values.repeats)
const cases = allCases.filter((c) => c.name.includes(values.filter))

const runs = []
for (let r = 0; r < repeats; r++) {
  for (const entry of cases) {
    const { stdout } = await run(process.execPath, [join(here, 'run-case.mjs'), entry.name], {
      maxBuffer: 16 * 1024 * 1024,
    })
    const result = JSON.parse(stdout)
    runs.push({ ...result, repeat: r, trap: entry.trap })
    const mark = result.status === entry.expected ? ' ' : result.status === 'inconclusive' ? '?' : 'X'
    console.log(
      `${mark} ${entry.name.padEnd(38)} ${result.status.padEnd(12)} ${fmt(result.durationMs).padStart(7)} ms ` +
        `${String(result.collections).padStart(3)} GCs ${String(result.iterations).padStart(8)} calls ` +
        `${result.bytesPerIteration.toFixed(1).padStart(9)} B/call`,
    )
  }
}

const byCase = new Map()
for (const r of runs) byCase.set(r.name, [...(byCase.get(r.name) ?? []), r])
const flaky = [...byCase].filter(([, rs]) => new Set(rs.map((r) => r.status)).size > 1).map(([n]) => n)
const count = (expected, status) => runs.filter((r) => r.expected === expected && r.status === status).length
const tp = count('leaking', 'leaking')
const fn = count('leaking', 'clean') + count('leaking', 'inconclusive')
const fp = count('clean', 'leaking')
const tn = count('clean', 'clean')
const cleanInconclusive = count('clean', 'inconclusive')
const durations = (expected, field = 'durationMs') =>
  runs.filter((r) => r.expected === expected && r.status === expected).map((r) => r[field])
// Diagnosis: the leaking line of each leaking corpus case ends with /* leak */; allocated-in is right
// when it names the function that contains that line.
const leakRuns = runs.filter((r) => r.expected === 'leaking' && r.status === 'leaking')
const storedAtRight = leakRuns.filter((r) => r.storedAt?.source?.includes('/* leak */')).length
const allocatedInRight = leakRuns.filter((r) => r.allocatedIn?.right).length
const summary = {
  node: process.version,
  cases: cases.length,
  repeats,
  runs: runs.length,
  truePositives: tp,
  falseNegatives: fn,
  falsePositives: fp,
  trueNegatives: tn,
  cleanInconclusive,
  precision: tp + fp === 0 ? 1 : tp / (tp + fp),
  recall: tp + fn === 0 ? 1 : tp / (tp + fn),
  flaky,
  storedAtAccuracy: leakRuns.length ? storedAtRight / leakRuns.length : Number.NaN,
  allocatedInAccuracy: leakRuns.length ? allocatedInRight / leakRuns.length : Number.NaN,
  storedAtMissed: [
    ...new Set(leakRuns.filter((r) => !r.storedAt?.source?.includes('/* leak */')).map((r) => r.name)),
  ],
  cleanMs: { median: quantile(durations('clean'), 0.5), p95: quantile(durations('clean'), 0.95) },
  leakingMs: {
    median: quantile(durations('leaking', 'verdictMs'), 0.5),
    p95: quantile(durations('leaking', 'verdictMs'), 0.95),
  },
  leakingWithSitesMs: {
    median: quantile(durations('leaking'), 0.5),
    p95: quantile(durations('leaking'), 0.95),
  },
  trivialCleanMs: quantile(
    runs.filter((r) => r.name === 'trivial-arithmetic').map((r) => r.durationMs),
    0.5,
  ),
  wrong: runs
    .filter((r) => r.status !== r.expected)
    .map(({ name, status, repeat, reason }) => ({ name, status, repeat, reason })),
}
console.log('')
console.table({
  'true positives': tp,
  'false negatives (incl. inconclusive)': fn,
  'false positives': fp,
  'true negatives': tn,
  'clean -> inconclusive': cleanInconclusive,
  precision: summary.precision.toFixed(3),
  recall: summary.recall.toFixed(3),
  'flaky cases': flaky.length,
  'clean verdict median / p95 (ms)': `${fmt(summary.cleanMs.median)} / ${fmt(summary.cleanMs.p95)}`,
  'trivial clean verdict median (ms)': fmt(summary.trivialCleanMs),
  'leak verdict median / p95 (ms)': `${fmt(summary.leakingMs.median)} / ${fmt(summary.leakingMs.p95)}`,
  'leak verdict + sites median / p95 (ms)': `${fmt(summary.leakingWithSitesMs.median)} / ${fmt(summary.leakingWithSitesMs.p95)}`,
  '"stored at" names the leaking line': `${storedAtRight} / ${leakRuns.length}`,
  '"allocated in" names the leaking function': `${allocatedInRight} / ${leakRuns.length}`,
})
if (flaky.length) console.log('flaky:', flaky.join(', '))
if (summary.storedAtMissed.length)
  console.log('no right "stored at" line:', summary.storedAtMissed.join(', '))
await writeFile(values.json, `${JSON.stringify({ summary, runs }, null, 2)}\n`)
console.log(`wrote ${values.json}`)

function quantile(values, q) {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
}

function fmt(ms) {
  return Number.isFinite(ms) ? ms.toFixed(1) : '-'
}
