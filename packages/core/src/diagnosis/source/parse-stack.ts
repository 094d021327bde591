import { fileURLToPath } from 'node:url'

/** One frame of a V8 stack trace. */
export interface StackFrame {
  functionName: string
  /** Absolute path (file URLs are turned into paths), or the raw location for `node:` internals. */
  file: string
  line: number
  column: number
}

const framePattern = /^\s*at (?:(.*?) \()?(?:async )?(.+?):(\d+):(\d+)\)?$/

/** Parses the frames of `error.stack`, skipping the message and frames without a position. */
export function parseStack(stack: string | undefined): StackFrame[] {
  const frames: StackFrame[] = []
  for (const line of (stack ?? '').split('\n')) {
    const match = framePattern.exec(line)
    if (!match) continue
    const [, name, location, row, column] = match
    frames.push({
      functionName: name?.replace(/^async /, '') || '<anonymous>',
      file: toPath(location!),
      line: Number(row),
      column: Number(column),
    })
  }
  return frames
}

/** An absolute path for a `file://` URL; any other location (`node:internal/...`) as it is. */
export function toPath(location: string): string {
  if (!location.startsWith('file://')) return location
  try {
    return fileURLToPath(location)
  } catch {
    return location
  }
}
