import { defineConfig } from 'vitest/config'

// End-to-end tests: each spawns the real vitest CLI on a fixture project under */fixtures.
export default defineConfig({
  test: {
    include: ['*/**/*.e2e.test.ts'],
    exclude: ['**/fixtures/**', '**/node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
