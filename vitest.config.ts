import { defineConfig } from 'vitest/config'

// The core's tests run in every Vitest pool, because forcing GC differs between child processes,
// worker threads and vm contexts.
const inWorker = 'packages/core/test/engine/detect-leak-pools.test.ts'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'core',
          include: ['packages/core/test/**/*.test.ts'],
          exclude: [inWorker],
          testTimeout: 60_000,
        },
      },
      // The adapters' own logic (the Jest run folder): fast unit tests, no runner involved.
      { test: { name: 'adapters', include: ['packages/*-plugin/test/**/*.test.ts'] } },
      ...(['forks', 'threads', 'vmThreads', 'vmForks'] as const).map((pool) => ({
        test: { name: `core-${pool}`, include: [inWorker], pool, testTimeout: 30_000 },
      })),
    ],
  },
})
