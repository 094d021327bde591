// npm run demo: runs each example with its real test runner and checks it behaves as documented.
// The leaky-cache example fails on purpose (that is its leak report); the demo exits 0 when every
// example ends the way its README says, and 1 otherwise.
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const runners = {
  vitest: [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run'],
  jest: [join(root, 'node_modules', 'jest', 'bin', 'jest.js')],
}
const examples = [
  { name: 'vitest-session-store', runner: 'vitest', expectExit: 0, env: {} },
  { name: 'vitest-session-store', runner: 'vitest', expectExit: 0, env: { LEAKPROOF: '1' } },
  { name: 'jest-event-bus', runner: 'jest', expectExit: 0, env: {} },
  { name: 'jest-event-bus', runner: 'jest', expectExit: 0, env: { LEAKPROOF: '1' } },
  { name: 'vitest-leaky-cache', runner: 'vitest', expectExit: 1, env: {} },
]

let ok = true
for (const example of examples) {
  const label = `examples/${example.name}${example.env.LEAKPROOF ? ' with LEAKPROOF=1' : ''}`
  console.log(`\n━━━ ${label} (${example.runner}) ━━━\n`)
  const run = spawnSync(process.execPath, runners[example.runner], {
    cwd: join(root, 'examples', example.name),
    stdio: 'inherit',
    env: { ...process.env, ...example.env },
  })
  const behaved = run.status === example.expectExit
  ok &&= behaved
  console.log(
    behaved
      ? `\n✔ ${label} exited ${run.status}, as documented`
      : `\n✘ ${label} exited ${run.status}, expected ${example.expectExit}`,
  )
}
process.exit(ok ? 0 : 1)
