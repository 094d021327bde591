/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  setupFilesAfterEnv: ['@leakproof/jest/setup'],
  reporters: ['default', '@leakproof/jest/reporter'],
  // babel-jest keeps the worker's heap small; ts-jest would load the TypeScript compiler into it
  // (160 MB), and every forced GC would cost ~190 ms instead of ~20 ms.
  transform: { '\\.ts$': 'babel-jest' },
}
