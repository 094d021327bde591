// node test/lint/run-lint-test.mjs: lints the documented forms of the matcher with typescript-eslint's
// recommendedTypeChecked rules (as a typed, linted user project would) and checks that misuse is
// still caught, so a matcher type that drifts to `void | Promise<void>` or to `void` fails here.
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'

const here = dirname(fileURLToPath(import.meta.url))
const expected = {
  'misuse.ts': ['5:@typescript-eslint/no-floating-promises', '9:@typescript-eslint/await-thenable'],
}

const eslint = new ESLint({ cwd: here, overrideConfigFile: `${here}/eslint.config.mjs` })
const results = await eslint.lintFiles(['vitest/*.ts', 'jest/*.ts', 'imports/*.ts'])
let failed = false
for (const result of results) {
  const file = result.filePath.slice(here.length + 1)
  const found = result.messages.map((m) => `${m.line}:${m.ruleId ?? m.message}`)
  const want = expected[file.split('/').pop()] ?? []
  const ok = JSON.stringify(found) === JSON.stringify(want)
  console.log(
    `${ok ? '✔' : '✘'} ${file}${ok ? '' : `: expected ${JSON.stringify(want)}, got ${JSON.stringify(found)}`}`,
  )
  if (!ok) for (const m of result.messages) console.log(`    ${m.line}:${m.column} ${m.ruleId} ${m.message}`)
  failed ||= !ok
}
if (results.length !== 7) {
  console.log(`✘ expected 7 files, linted ${results.length}`)
  failed = true
}
process.exit(failed ? 1 : 0)
