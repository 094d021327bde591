import { basename, dirname, join } from 'node:path'
import { parseStack } from './parse-stack.js'

/**
 * Folders of the running leakproof core: frames in them are the harness, never the leak. Both its
 * `dist` bundle and its `src`: a runner that maps stacks through source maps (Vitest does) turns
 * the bundle's frames into `src` ones, while the heap profiler reports the bundle's own paths.
 */
export const leakproofRoots: readonly string[] = siblings(
  codeRoot(parseStack(new Error('locate leakproof').stack)[0]?.file),
)

function siblings(root: string): string[] {
  const name = basename(root)
  if (name !== 'src' && name !== 'dist') return [root]
  return [join(dirname(root), 'dist'), join(dirname(root), 'src')]
}

function codeRoot(file = '/leakproof-unknown/x'): string {
  for (let folder = dirname(file); folder !== dirname(folder); folder = dirname(folder)) {
    const name = basename(folder)
    if (name === 'src' || name === 'dist') return folder
  }
  return dirname(file)
}
