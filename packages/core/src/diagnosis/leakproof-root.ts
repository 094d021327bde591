import { dirname } from 'node:path'
import { parseStack } from './parse-stack.js'

/** Folder of the running leakproof core bundle: frames in it are the harness, never the leak. */
export const leakproofRoot = dirname(
  parseStack(new Error('locate leakproof').stack)[0]?.file ?? '/leakproof-unknown/x',
)
