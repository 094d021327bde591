// Runs one corpus case in this (fresh) process and prints its verdict as one JSON line.
// Usage: node run-case.mjs <case-name> [options-json]

import { allCases } from '../corpus/index.mjs'
import { detectLeak } from '../dist/index.js'

const [name, optionsJson] = process.argv.slice(2)
const entry = allCases.find((c) => c.name === name)
if (!entry) {
  console.error(`unknown case: ${name}`)
  process.exit(2)
}
const fn = entry.make()
const started = performance.now()
const result = await detectLeak(fn, optionsJson ? JSON.parse(optionsJson) : undefined)
const wallMs = performance.now() - started
process.stdout.write(
  `${JSON.stringify({
    name,
    expected: entry.expected,
    status: result.status,
    bytesPerIteration: result.bytesPerIteration,
    iterations: result.iterations,
    collections: result.collections,
    durationMs: wallMs,
    reason: result.reason,
    samples: result.samples,
  })}\n`,
)
// Leaking cases may leave unref'd timers behind; do not wait for them.
process.exit(0)
