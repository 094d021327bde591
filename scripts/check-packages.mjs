// npm run test:packages: packs every published package as npm would publish it, then checks each
// tarball with @arethetypeswrong/cli (types resolve in node10, node16 and bundler resolution, for
// every subpath) and publint (package.json against the packed files), and checks that LICENSE,
// README.md and CHANGELOG.md are in it. Tarballs, not folders: that is what users install.
import { execFile, execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { publint } from 'publint'
import { formatMessage } from 'publint/utils'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const packages = ['core', 'vitest-plugin', 'jest-plugin']
const required = ['LICENSE', 'README.md', 'CHANGELOG.md', 'package.json']
const attw = join(root, 'node_modules/@arethetypeswrong/cli/dist/index.js')

const out = mkdtempSync(join(tmpdir(), 'leakproof-packs-'))
let failed = false
try {
  const checks = packages.map(async (name) => {
    const dir = join(root, 'packages', name)
    const [{ filename, files }] = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: dir, encoding: 'utf8' }),
    )
    const tarball = join(out, filename)
    const problems = []
    const packed = new Set(files.map((file) => file.path))
    for (const file of required) if (!packed.has(file)) problems.push(`${file} is not in the tarball`)
    const lint = await publint({ pack: { tarball: readFileSync(tarball).buffer }, level: 'suggestion' })
    for (const message of lint.messages) problems.push(`publint: ${formatMessage(message, lint.pkg)}`)
    try {
      await promisify(execFile)(process.execPath, [attw, tarball, '--format', 'ascii'], { encoding: 'utf8' })
    } catch (error) {
      problems.push(`attw:\n${error.stdout}${error.stderr}`)
    }
    return { name: filename, problems }
  })
  for (const { name, problems } of await Promise.all(checks)) {
    console.log(`${problems.length ? '✘' : '✔'} ${name}${problems.map((p) => `\n    ${p}`).join('')}`)
    failed ||= problems.length > 0
  }
} finally {
  rmSync(out, { recursive: true, force: true })
}
process.exit(failed ? 1 : 0)
