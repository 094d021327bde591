import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { index: 'src/index.ts', adapter: 'src/adapter.ts', cli: 'src/cli/bin.ts' },
  // One copy of the engine's state (the one-check-at-a-time lock) for both entries, in CJS too.
  splitting: true,
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
})
