import type { FrameOwner } from '../../result/leak-site.js'
import { InspectorSession } from '../../runtime/inspector-session.js'
import { type CodeScope, classifyFrame } from '../source/classify-frame.js'
import { toPath } from '../source/parse-stack.js'
import { SourceMapper } from '../source/source-mapper.js'

export interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
  children: ProfileNode[]
}

interface SamplingProfile {
  head: ProfileNode
  samples: { size: number; nodeId: number; ordinal: number }[]
}

/** A function whose allocations outlived the diagnosis calls. */
export interface SurvivingAllocation {
  functionName: string
  file: string
  /** Where the function starts: the profiler knows no finer position. */
  line: number
  column: number
  bytes: number
}

/** Bytes between samples: fine enough to see small leaks over a few hundred calls, 2-4x overhead. */
const samplingInterval = 1024

/**
 * V8's sampling heap profiler, run over the diagnosis calls. After a full GC it holds only the
 * sampled allocations still alive, attributed to their call stacks; each is charged to the innermost
 * frame of the user's code.
 */
export class AllocationProfiler {
  readonly #session = new InspectorSession()
  readonly #scope: CodeScope

  constructor(scope: CodeScope) {
    this.#scope = scope
    this.#session.post('HeapProfiler.enable')
    this.#session.post('HeapProfiler.startSampling', { samplingInterval })
  }

  /** Call after a full GC: the user's functions whose allocations survived, most bytes first. */
  finish(): SurvivingAllocation[] {
    try {
      const { profile } = this.#session.post<{ profile: SamplingProfile }>('HeapProfiler.getSamplingProfile')
      this.#session.post('HeapProfiler.stopSampling')
      return this.#attribute(profile)
    } finally {
      this.#session.post('HeapProfiler.disable')
      this.#session.disconnect()
    }
  }

  stop(): void {
    try {
      this.#session.post('HeapProfiler.stopSampling')
      this.#session.post('HeapProfiler.disable')
    } catch {
      // Already stopped.
    }
    this.#session.disconnect()
  }

  #attribute(profile: SamplingProfile): SurvivingAllocation[] {
    const owner = ownersOf(profile.head, (url) => (url === '' ? 'internal' : this.#owner(url)))
    const bytes = new Map<ProfileNode, number>()
    for (const sample of profile.samples) {
      const node = owner.get(sample.nodeId)
      if (node) bytes.set(node, (bytes.get(node) ?? 0) + sample.size)
    }
    if (bytes.size === 0) return []
    const mapper = SourceMapper.collect(this.#session)
    const byFunction = new Map<string, SurvivingAllocation>()
    for (const [node, size] of bytes) {
      const { functionName, url, lineNumber, columnNumber } = node.callFrame
      const position = mapper.map(url, lineNumber, columnNumber)
      const key = `${position.file}:${position.line}:${position.column}`
      const entry = byFunction.get(key)
      if (entry) entry.bytes += size
      else byFunction.set(key, { functionName: functionName || '<anonymous>', ...position, bytes: size })
    }
    return [...byFunction.values()].sort((a, b) => b.bytes - a.bytes)
  }

  #owner(url: string): FrameOwner {
    const file = toPath(url)
    return classifyFrame({ functionName: '', file, line: 0, column: 0 }, this.#scope)
  }
}

/**
 * The user's frame each profile node's allocations are charged to, by node id (undefined: nobody's).
 * Only frames inside the call leakproof made count: the code that called leakproof is user code
 * too, but what it allocated is not the function's doing. An async function resumed from the
 * microtask queue has no caller frames at all; there the innermost user frame counts, but only when
 * no other code (the test runner) is below it: the test's own callback and the test file's top
 * level run under the runner, outside the call. What leakproof's own code allocates under the
 * user's frames (the instrumented methods' wrappers, the tracker they call and the original methods
 * they pass calls on to) is not what the function makes: nobody's, until a user frame again.
 */
export function ownersOf(
  head: ProfileNode,
  kindOf: (url: string) => FrameOwner,
): Map<number, ProfileNode | undefined> {
  const owner = new Map<number, ProfileNode | undefined>()
  const walk = (
    node: ProfileNode,
    inCall: boolean,
    userInCall: ProfileNode | undefined,
    user: ProfileNode | undefined,
    belowCode: boolean,
  ) => {
    const kind = kindOf(node.callFrame.url)
    const ours = kind === 'leakproof'
    const inside = inCall || ours
    const nextUserInCall = inside && kind === 'user' ? node : ours ? undefined : userInCall
    const nextUser = kind === 'user' && (user !== undefined || !belowCode) ? node : ours ? undefined : user
    owner.set(node.id, inside ? nextUserInCall : nextUser)
    const nextBelowCode = belowCode || kind !== 'internal'
    for (const child of node.children) walk(child, inside, nextUserInCall, nextUser, nextBelowCode)
  }
  walk(head, false, undefined, undefined, false)
  return owner
}
