// npm run bench:runners [-- --runs N]: what leakproof adds to real Vitest (forks) and Jest runs.
// Each runner runs a fixture with 20 plain tests, the same 20 with a clean toLeakMemory() check,
// and the same 20 wrapped in leakCheck() with the trigger off, N times; durations come from the
// runner's JSON reporter. Also prints what one forced full GC costs in that runner's worker.
// Prints medians and writes bench-runners.json.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } })
const runners = {
  vitest: {
    fixture: join(root, 'test/vitest/fixtures/overhead'),
    args: (file, out) => [
      join(root, 'node_modules/vitest/vitest.mjs'),
      'run',
      file,
      '--reporter=json',
      `--outputFile=${out}`,
    ],
  },
  jest: {
    fixture: join(root, 'test/jest/fixtures/overhead'),
    args: (file, out) => [join(root, 'node_modules/jest/bin/jest.js'), file, '--json', `--outputFile=${out}`],
  },
}
const kinds = ['plain', 'checked', 'annotated']
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

const results = {}
for (const [name, runner] of Object.entries(runners)) {
  const perTest = { plain: [], checked: [], annotated: [] }
  const perSuite = { plain: [], checked: [], annotated: [] }
  const gcMs = []
  for (let run = 0; run < Number(values.runs); run++) {
    for (const kind of kinds) {
      const durations = runFile(runner, `${kind}.test.ts`)
      perTest[kind].push(...durations)
      perSuite[kind].push(durations.reduce((a, b) => a + b, 0))
    }
    const gcFile = join(mkdtempSync(join(tmpdir(), 'leakproof-bench-')), 'gc-ms.txt')
    runFile(runner, 'gc-cost.test.ts', { LEAKPROOF_GC_FILE: gcFile })
    gcMs.push(Number(readFileSync(gcFile, 'utf8')))
  }
  const testMs = Object.fromEntries(kinds.map((kind) => [kind, median(perTest[kind])]))
  const suiteMs = Object.fromEntries(kinds.map((kind) => [kind, median(perSuite[kind])]))
  results[name] = {
    checkCostMs: testMs.checked - testMs.plain,
    suiteOf20AddsMs: suiteMs.checked - suiteMs.plain,
    leakCheckTriggerOffAddsMs: suiteMs.annotated - suiteMs.plain,
    fullGcMs: median(gcMs),
    testMs,
    suiteMs,
  }
}

console.table(
  Object.fromEntries(
    Object.entries(results).map(([name, r]) => [
      name,
      {
        'clean check, median (ms)': r.checkCostMs.toFixed(1),
        '20 clean checks add (ms)': r.suiteOf20AddsMs.toFixed(0),
        'leakCheck off, 20 tests add (ms)': r.leakCheckTriggerOffAddsMs.toFixed(1),
        'one full GC in the worker (ms)': r.fullGcMs.toFixed(1),
      },
    ]),
  ),
)
writeFileSync(
  'bench-runners.json',
  `${JSON.stringify({ node: process.version, runs: Number(values.runs), results }, null, 2)}\n`,
)
console.log('wrote bench-runners.json')

function runFile(runner, file, env = {}) {
  const out = join(mkdtempSync(join(tmpdir(), 'leakproof-bench-')), 'results.json')
  const child = spawnSync(process.execPath, runner.args(file, out), {
    cwd: runner.fixture,
    env: { ...process.env, LEAKPROOF: '', NO_COLOR: '1', ...env },
    encoding: 'utf8',
  })
  if (child.status !== 0) throw new Error(`${file} failed:\n${child.stdout}\n${child.stderr}`)
  const json = JSON.parse(readFileSync(out, 'utf8'))
  return json.testResults[0].assertionResults.map((a) => a.duration)
}
