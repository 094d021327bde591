// npm run demo: runs each example with the real test runner and checks it behaves as documented.
// The leaky-cache example fails on purpose (that is its leak report); the demo exits 0 when every
// example ends the way its README says, and 1 otherwise.
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs')
const examples = [
  { name: 'vitest-session-store', expectExit: 0, env: {} },
  {
    name: 'vitest-session-store (LEAKPROOF=1)',
    dir: 'vitest-session-store',
    expectExit: 0,
    env: { LEAKPROOF: '1' },
  },
  { name: 'vitest-leaky-cache', expectExit: 1, env: {} },
]

let ok = true
for (const example of examples) {
  const cwd = join(root, 'examples', example.dir ?? example.name)
  console.log(`\n━━━ examples/${example.name} ━━━\n`)
  const run = spawnSync(process.execPath, [vitest, 'run'], {
    cwd,
    stdio: 'inherit',
    env: { ...process.env, ...example.env },
  })
  const behaved = run.status === example.expectExit
  ok &&= behaved
  console.log(
    behaved
      ? `\n✔ examples/${example.name} exited ${run.status}, as documented`
      : `\n✘ examples/${example.name} exited ${run.status}, expected ${example.expectExit}`,
  )
}
process.exit(ok ? 0 : 1)
