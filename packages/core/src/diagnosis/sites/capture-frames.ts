import { parseStack, type StackFrame } from '../source/parse-stack.js'

const framesLimit = 40

/**
 * The stack above `below`, frame by frame. Positions come from the formatted stack, which the test
 * runner maps to the original source; names come from V8's call sites, because source-map support
 * renames a frame after the identifier at its position (`set` for `sessions.set(...)`).
 */
export function captureFrames(below: unknown): StackFrame[] {
  const limit = Error.stackTraceLimit
  const prepare = Error.prepareStackTrace
  Error.stackTraceLimit = framesLimit
  try {
    const formatted: { stack?: string } = {}
    Error.captureStackTrace(formatted, below as () => void)
    const mapped = (formatted.stack ?? '').split('\n').slice(1)
    Error.prepareStackTrace = (_error, callSites) => callSites
    const raw: { stack?: NodeJS.CallSite[] } = {}
    Error.captureStackTrace(raw, below as () => void)
    const callSites = raw.stack ?? []
    const frames: StackFrame[] = []
    for (let i = 0; i < Math.max(mapped.length, callSites.length); i++) {
      const position = parseStack(mapped[i])[0]
      const site = callSites[i]
      const name = site?.getFunctionName() || site?.getMethodName() || undefined
      // A frame V8 knows no name for is anonymous: the mapped stack's name for it is whatever
      // identifier the source map has at that position (Jest shows `create` for an arrow function).
      if (position)
        frames.push({ ...position, functionName: site ? (name ?? '<anonymous>') : position.functionName })
    }
    return frames
  } finally {
    Error.prepareStackTrace = prepare
    Error.stackTraceLimit = limit
  }
}

/**
 * The raw positions of the stack above `below`, as one string: cheap (no source mapping), so that
 * an insertion made again from the same call chain reuses the traceback mapped the first time.
 */
export function stackSignature(below: unknown): string {
  const limit = Error.stackTraceLimit
  const prepare = Error.prepareStackTrace
  Error.stackTraceLimit = framesLimit
  try {
    Error.prepareStackTrace = (_error, callSites) => callSites
    const raw: { stack?: NodeJS.CallSite[] } = {}
    Error.captureStackTrace(raw, below as () => void)
    let signature = ''
    for (const site of raw.stack ?? []) {
      signature += `${site.getScriptNameOrSourceURL()}:${site.getLineNumber()}:${site.getColumnNumber()};`
    }
    return signature
  } finally {
    Error.prepareStackTrace = prepare
    Error.stackTraceLimit = limit
  }
}
