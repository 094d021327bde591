import { sep } from 'node:path'
import type { FrameOwner } from '../../result/leak-site.js'
import type { StackFrame } from './parse-stack.js'

/** Which files count as the user's code. */
export interface CodeScope {
  /** Path prefixes of the user's code. */
  include: readonly string[]
  /** Path fragments that are never the user's code, even under `include`. */
  exclude: readonly string[]
  /** Folders of leakproof's own files. */
  leakproofRoots: readonly string[]
}

export function classifyFrame(frame: StackFrame, scope: CodeScope): FrameOwner {
  const { file } = frame
  if (scope.leakproofRoots.some((root) => file.startsWith(root))) return 'leakproof'
  if (file.startsWith('node:') || !file.includes(sep) || file.startsWith('internal/')) return 'internal'
  if (scope.exclude.some((fragment) => file.includes(fragment))) return 'library'
  return scope.include.some((prefix) => file.startsWith(prefix)) ? 'user' : 'library'
}
