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
      const name = site?.getFunctionName() ?? site?.getMethodName() ?? undefined
      if (position) frames.push({ ...position, functionName: name || position.functionName })
    }
    return frames
  } finally {
    Error.prepareStackTrace = prepare
    Error.stackTraceLimit = limit
  }
}
