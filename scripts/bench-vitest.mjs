// npm run bench:vitest [-- --runs N]: what leakproof adds to a real Vitest run (forks pool).
// Runs a fixture with 20 plain tests, the same 20 tests each with a clean toLeakMemory() check, and
// the same 20 wrapped in leakCheck() with the trigger off, N times, and compares durations reported
// by Vitest's JSON reporter. Prints medians and writes bench-vitest.json.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const fixture = join(root, 'test/vitest/fixtures/overhead')
const vitest = join(root, 'node_modules/vitest/vitest.mjs')
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } })

const perTest = { plain: [], checked: [], annotated: [] }
const perFile = { plain: [], checked: [], annotated: [] }
for (let run = 0; run < Number(values.runs); run++) {
  for (const kind of Object.keys(perTest)) {
    const out = join(mkdtempSync(join(tmpdir(), 'leakproof-bench-')), 'results.json')
    const child = spawnSync(
      process.execPath,
      [vitest, 'run', `${kind}.test.ts`, '--reporter=json', `--outputFile=${out}`],
      { cwd: fixture, env: { ...process.env, LEAKPROOF: '' }, encoding: 'utf8' },
    )
    if (child.status !== 0) throw new Error(`vitest failed:\n${child.stdout}\n${child.stderr}`)
    const results = JSON.parse(readFileSync(out, 'utf8'))
    const durations = results.testResults[0].assertionResults.map((a) => a.duration)
    perTest[kind].push(...durations)
    perFile[kind].push(durations.reduce((a, b) => a + b, 0))
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const summary = {
  node: process.version,
  runs: Number(values.runs),
  medianTestMs: Object.fromEntries(Object.entries(perTest).map(([k, v]) => [k, median(v)])),
  medianSuiteOf20Ms: Object.fromEntries(Object.entries(perFile).map(([k, v]) => [k, median(v)])),
}
summary.checkCostMs = summary.medianTestMs.checked - summary.medianTestMs.plain
summary.suiteOf20AddsMs = summary.medianSuiteOf20Ms.checked - summary.medianSuiteOf20Ms.plain
summary.leakCheckTriggerOffAddsMs = summary.medianSuiteOf20Ms.annotated - summary.medianSuiteOf20Ms.plain
console.table({
  'clean check, median per test (ms)': summary.checkCostMs.toFixed(1),
  'first check in a worker (ms)': (Math.max(...perTest.checked) - summary.medianTestMs.plain).toFixed(1),
  '20 clean checks add to the suite (ms)': summary.suiteOf20AddsMs.toFixed(0),
  'leakCheck, trigger off, 20 tests add (ms)': summary.leakCheckTriggerOffAddsMs.toFixed(1),
})
writeFileSync('bench-vitest.json', `${JSON.stringify({ summary, perTest }, null, 2)}\n`)
console.log('wrote bench-vitest.json')
