// Memory outside the V8 heap: Buffers and ArrayBuffers.

/** @type {import('./case.js').Case[]} */
export const cases = [
  {
    name: 'buffers-kept',
    expected: 'leaking',
    trap: 'external memory (Buffer)',
    make() {
      const chunks = []
      return () => chunks.push(Buffer.alloc(1024)) /* leak */
    },
  },
  {
    name: 'array-buffers-kept',
    expected: 'leaking',
    trap: 'external memory (ArrayBuffer)',
    make() {
      const frames = new Map()
      let n = 0
      return () => frames.set(n++, new ArrayBuffer(4096)) /* leak */
    },
  },
  {
    name: 'pooled-buffer-slices-kept',
    expected: 'leaking',
    trap: 'external memory (Buffer pool)',
    make() {
      const ids = []
      return () => ids.push(Buffer.allocUnsafe(16)) /* leak */
    },
  },
  {
    name: 'buffer-temporary',
    expected: 'clean',
    trap: 'external memory (garbage)',
    make() {
      return () => Buffer.alloc(1024).fill(1).length
    },
  },
  {
    name: 'pooled-buffer-temporary',
    expected: 'clean',
    trap: 'external memory (Buffer pool churn)',
    make() {
      return () => Buffer.from('hello world').toString('base64')
    },
  },
  {
    name: 'large-array-buffer-temporary',
    expected: 'clean',
    trap: 'external memory (garbage)',
    make() {
      return () => new Float64Array(16_384).fill(1).length
    },
  },
  {
    name: 'text-encoding-roundtrip',
    expected: 'clean',
    trap: 'external memory (garbage)',
    make() {
      const encoder = new TextEncoder()
      const decoder = new TextDecoder()
      return () => decoder.decode(encoder.encode('leakproof ✓')).length
    },
  },
]
