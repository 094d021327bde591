import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    setupFiles: ['@leakproof/vitest/setup'],
    reporters: ['default', '@leakproof/vitest/reporter'],
    includeTaskLocation: true,
  },
})
