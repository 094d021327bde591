import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts', 'src/setup.ts', 'src/reporter.ts'],
  // One copy of the adapter's state (test start times, test events) for every entry, in CJS too.
  splitting: true,
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
})
