// Runs one corpus case in this (fresh) process and prints its verdict as one JSON line.
// Usage: node run-case.mjs <case-name> [options-json] [corpus-file]
// e.g. '{"sites":false,"retainers":false}' for verdict-only timing (run-bench's --no-sites).
// With its corpus file (e.g. collections), only that file is loaded: a microsecond case then runs in
// a plain Node process, as its time target says, not beside jsdom (a heap of 18 MB, not 4 MB, makes
// every full GC several times slower).

import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { detectLeak } from '../dist/index.js'

const [name, optionsJson, corpusFile] = process.argv.slice(2)
const cases = corpusFile
  ? (await import(`../corpus/${corpusFile}.mjs`)).cases.map((entry) => ({
      file: corpusFile,
      cost: 'us',
      ...entry,
    }))
  : (await import('../corpus/index.mjs')).allCases
const entry = cases.find((c) => c.name === name)
if (!entry) {
  console.error(`unknown case: ${name}`)
  process.exit(2)
}
const fn = entry.make()
const started = performance.now()
let result
try {
  result = await detectLeak(fn, optionsJson ? JSON.parse(optionsJson) : undefined)
} catch (error) {
  // An engine error (e.g. a FunctionTimeoutError when the budget ends during an I/O call) is a
  // result of the bench too, not a crash of it.
  const { name: kind = 'Error', message = String(error) } = error ?? {}
  const reason = `${kind}: ${message}`
  const failed = {
    name,
    file: entry.file,
    cost: entry.cost,
    expected: entry.expected,
    status: 'error',
    reason,
  }
  process.stdout.write(`${JSON.stringify({ ...failed, durationMs: performance.now() - started })}\n`)
  process.exit(0)
}
const wallMs = performance.now() - started
const callMs = await ownCost(fn)
process.stdout.write(
  `${JSON.stringify({
    name,
    file: entry.file,
    cost: entry.cost,
    expected: entry.expected,
    status: result.status,
    async: result.async,
    bytesPerIteration: result.bytesPerIteration,
    iterations: result.iterations,
    collections: result.collections,
    // Wall time of the whole check, diagnosis included.
    durationMs: wallMs,
    // Time to the verdict, before any diagnosis (engines that do not report it: their durationMs).
    verdictMs: result.verdictMs ?? result.durationMs,
    diagnosisMs: result.diagnosisMs,
    // The function's own cost per call, which the time targets are stated in (a case's cost class is
    // what it was written for; on a slower machine a "1ms" case may take 1.8 ms).
    callMs,
    resolution: result.resolution,
    reason: result.reason,
    samples: result.samples,
    storedAt: result.sites?.find((site) => site.kind === 'stored-at'),
    allocatedIn: judgeAllocatedIn(result.sites?.find((site) => site.kind === 'allocated-in')),
  })}\n`,
)
/**
 * Times calls of `fn` after the check, as the user's code would run them (its code warm, the optimising
 * compilers on): 50 ms of calls, at least 3 and at most 1,000 (a big leak retains no more than 10 MB).
 */
async function ownCost(fn) {
  const startedAt = performance.now()
  let calls = 0
  try {
    while (calls < 3 || (calls < 1000 && performance.now() - startedAt < 50)) {
      const value = fn()
      if (value && typeof value.then === 'function') await value
      calls++
    }
  } catch {
    return undefined
  }
  return (performance.now() - startedAt) / calls
}

/** Right when the named function starts inside this case's block, before its leaking line. */
function judgeAllocatedIn(site) {
  if (!site || entry.expected !== 'leaking') return site
  const file = fileURLToPath(new URL(`../corpus/${entry.file}.mjs`, import.meta.url))
  const lines = readFileSync(file, 'utf8').split('\n')
  const start = lines.findIndex((line) => line.includes(`name: '${entry.name}'`)) + 1
  const leakLine = lines.findIndex((line, i) => i >= start && line.includes('/* leak */')) + 1
  return { ...site, right: site.file === file && site.line >= start && site.line <= leakLine }
}

// Leaking cases may leave unref'd timers behind; do not wait for them.
process.exit(0)
