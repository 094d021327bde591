import { basename, dirname } from 'node:path'
import { parseStack } from './parse-stack.js'

/**
 * Folder of the running leakproof core (its `dist` bundle, or `src` when run from source): frames in
 * it are the harness, never the leak.
 */
export const leakproofRoot = codeRoot(parseStack(new Error('locate leakproof').stack)[0]?.file)

function codeRoot(file = '/leakproof-unknown/x'): string {
  for (let folder = dirname(file); folder !== dirname(folder); folder = dirname(folder)) {
    const name = basename(folder)
    if (name === 'src' || name === 'dist') return folder
  }
  return dirname(file)
}
