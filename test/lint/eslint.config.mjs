// Used only by test/lint/run-lint-test.mjs: typescript-eslint's type-checked rules, as a typed
// and linted user project would run them, on the documented forms of the matcher.
import tseslint from 'typescript-eslint'

export default tseslint.config(
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: ['**/*.ts'] })),
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
)
