import type { JudgeSettings } from './judgement.js'
import type { SampleSeries } from './sample-series.js'
import { codeFreed, codeGrown, codeMovingShare, growthBesideCode, windowGrowths } from './series-growth.js'

/** What a staircase must look like: how many steps, how far apart in calls, and from when. */
export interface StaircaseShape {
  steps: number
  /** Calls at a step over calls at the one before, least and most. */
  minRatio: number
  maxRatio: number
  /** Steps count only after this many times the least calls of a leak verdict (a cache of that size is full). */
  leakCallsFactor: number
  /** Least bytes of a step, as a share of the granule (growth a clean span may show). */
  granuleShare: number
  /** The steps' bytes per call may differ by this factor (a step is placed only to its window). */
  rateSpread: number
  /** What the windows between the steps may add or take away, as a share of the steps' bytes. */
  betweenShare: number
}

/**
 * A leak into any collection: an array's store grows x1.5 (+16), a hash table's x2. Four steps:
 * three are not enough, as a bounded Map or Set that evicts as it adds doubles its table once more
 * after it is full (deleted entries take slots), a third step in time with the two that filled it
 * (measured at 0.1 ms per call: +112, +224, +448 KB at 4,110, 8,210, 16,410 calls, 9,000 entries).
 */
export const anyStoreStaircase: StaircaseShape = {
  steps: 4,
  minRatio: 1.25,
  maxRatio: 2.6,
  leakCallsFactor: 2,
  granuleShare: 1,
  rateSpread: 2,
  betweenShare: 0.25,
}
/**
 * A leak into an array: its store grows by x1.5 and nothing else does, so three steps at that pace
 * from `minLeakCalls` on are one (a hash table's doubling is far from it). A costly function leaking a
 * number per call reaches four steps from twice `minLeakCalls` only well past its budget. An array
 * that holds what every call since the check began (or before) kept steps at x1.5 of the calls or a
 * little more; steps closer than that come from arrays that began filling later, bounded ones among
 * them (two caches filling one after the other, measured at 1 ms: x1.31-x1.36, full at 1.8x
 * `minLeakCalls`, false leaks with x1.3 allowed).
 */
export const arrayStaircase: StaircaseShape = {
  steps: 3,
  minRatio: 1.42,
  maxRatio: 1.75,
  leakCallsFactor: 1,
  granuleShare: 1,
  rateSpread: 2,
  betweenShare: 0.25,
}
/**
 * A costly function's leak into an array, its three steps from half of `minLeakCalls` on, so that the
 * last comes at `minLeakCalls` or later: a cache still filling then is as good as a leak, as exact steps
 * judge it too (see judgeGrowth). From `minLeakCalls` on, the third step comes at 2.25x the least calls:
 * at 1 ms, 16 B/call, on a busy machine, ~2,400 calls, past a 9.5 s budget in 1 of 3 runs.
 */
export const costlyArrayStaircase: StaircaseShape = { ...arrayStaircase, leakCallsFactor: 0.5 }
/**
 * Two steps of either kind: a staircase forming, which holds back clean verdicts (not leak verdicts;
 * see judgeSeries) until the next step is overdue. From the first window on, and steps of a quarter
 * of the granule: a costly function leaking a number per call shows its steps long before either
 * leak shape counts them (at 1 ms, 16 B/call: +1.0, +1.7, +2.6, +3.8 KB at 136, 208, 298, 460 calls,
 * flat between), and its flat windows between them were clean at 13-24 B/call.
 */
export const formingStaircase: StaircaseShape = {
  ...anyStoreStaircase,
  steps: 2,
  leakCallsFactor: 0,
  granuleShare: 0.25,
  // A step that came with a JIT jump keeps some of its metadata (measured: 14 KB for a 7.4 KB step).
  rateSpread: 3,
  // Holding back a clean verdict, as much between as in the steps: a 0.1 ms function's number array
  // (+2.4, +3.5, +5.3 KB at 576, 876, 1,326 calls) moved by 0.3-1 KB in a few windows between, half
  // of its steps, and its flat windows were clean at 32 B/call (8 B/call leaking) in 1 of 3 runs.
  betweenShare: 1,
}

/**
 * Share of the windows from the first step on in which compiled code may move (by more than
 * `codeMoveBytes`): a sync function's JIT settles, with a jump now and then (measured: code moved in
 * 3-10% of an array leak's windows), while a big library churns code in nearly every window and the
 * heap moves with it (jsdom: tens of KB in 87-100% of them), where steps beside code are its noise.
 */
const maxCodeMovingShare = 1 / 3
const codeMoveBytes = 1024

/** Compiled code moved in too many windows between samples `from` and `to` for steps beside it to tell. */
export function codeChurns(series: SampleSeries, from: number, to: number): boolean {
  return codeMovingShare(series, from, to, codeMoveBytes) > maxCodeMovingShare
}

/** A window that grew by a step (`folded`: with the drop of the window after it). */
interface Step {
  window: number
  folded: boolean
  /** Growth beside compiled code: at least this much was the step's. */
  bytes: number
  /**
   * At most this much: code made in the window may have brought less metadata than twice its bytes
   * (a JIT jump of +109 KB of code hid a number array's +26 KB step in +203 KB).
   */
  most: number
  calls: number
}

export interface Staircase {
  /** The sample before the first step counted. */
  from: number
  /** Calls (at the end of its window) and bytes of each step counted, oldest first. */
  steps: { calls: number; bytes: number }[]
}

/**
 * Finds a leak into a collection of primitives (numbers kept in an array, strings in a Set) in
 * windows that mostly stay flat: such a leak grows only when the collection's backing store does, by
 * half of it (an array) or all of it (a hash table), so each step is about proportional to the calls
 * made so far and the steps come at calls that grow by x1.5 to x2. Nothing else in a function's heap
 * keeps that pace: JIT metadata and warm-up do not scale with the calls, and a cache stops at its
 * bound. So the last step must be recent (the next one is due by the shape's `maxRatio` of its calls),
 * and every step counted must come after the shape's multiple of the least calls a leak verdict needs,
 * which a cache of that size has filled by then. Windows of sync functions only: async ones swing by
 * more than small steps.
 *
 * A store in large-object space is freed a full GC after its successor was made: a step's window may
 * be followed by a drop of the old store, which counts against the step.
 */
export function findStaircase(
  series: SampleSeries,
  baseline: number,
  settings: JudgeSettings,
  shape: StaircaseShape = anyStoreStaircase,
): Staircase | undefined {
  const { steps: minSteps, minRatio, maxRatio } = shape
  const least = shape.granuleShare * settings.granuleBytes
  if (settings.foreignFrees) return undefined
  const last = series.length - 1
  const growths = windowGrowths(series, baseline, last, settings.threshold)
  // Windows are numbered from 0: growths[w] is the window ending at sample baseline + w + 1.
  const candidates: Step[] = []
  for (let w = 0; w < growths.length; w++) {
    if (growths[w]! <= least) continue
    const end = baseline + w + 1
    const folded = (growths[w + 1] ?? 0) < 0
    // What compiled code made or freed meanwhile is the JIT's, not a step (nor taken from one).
    const spanEnd = folded ? end + 1 : end
    const bytes = growthBesideCode(series, end - 1, spanEnd, settings.threshold)
    const most = bytes + 2 * codeGrown(series, end - 1, spanEnd)
    if (bytes > least) candidates.push({ window: w, folded, bytes, most, calls: series.iteration(end) })
    if (folded) w++
  }
  // Anchored at the largest recent step; each step before it the latest where it was due that keeps
  // the anchor's pace (the store's previous step, not the one before that), and so each one after it.
  // Other growth in between is noise, counted as such below: a small bump where the next step is due
  // is no step.
  const within = (from: number, to: number) =>
    candidates.filter((step) => step.calls >= from && step.calls <= to)
  const due = (from: number, to: number, anchor: Step) => {
    let found: Step | undefined
    for (const step of within(from, to))
      if (offPace(step, anchor) <= shape.rateSpread && (!found || step.calls > found.calls)) found = step
    return found
  }
  let anchor: Step | undefined
  for (const step of within(series.iteration(last) / maxRatio, Number.POSITIVE_INFINITY))
    if (!anchor || step.bytes > anchor.bytes) anchor = step
  if (!anchor) return undefined
  const chain: Step[] = []
  let step: Step | undefined = anchor
  while (step && chain.length < minSteps) {
    chain.unshift(step)
    step = due(step.calls / maxRatio, step.calls / minRatio, anchor)
  }
  step = due(anchor.calls * minRatio, anchor.calls * maxRatio, anchor)
  while (step) {
    chain.push(step)
    step = due(step.calls * minRatio, step.calls * maxRatio, anchor)
  }
  const steps = chain.slice(-minSteps)
  if (steps.length < minSteps) return undefined
  if (series.iteration(baseline + steps[0]!.window) < shape.leakCallsFactor * settings.minLeakCalls)
    return undefined
  for (let i = 1; i < steps.length; i++) {
    const previous = steps[i - 1]!
    // Flat windows between the steps: growth in every window is the other rules' to judge.
    if (steps[i]!.window - previous.window - (previous.folded ? 1 : 0) < 2) return undefined
  }
  const leastRates = steps.map((step) => step.bytes / step.calls)
  const mostRates = steps.map((step) => step.most / step.calls)
  if (Math.max(...leastRates) > shape.rateSpread * Math.min(...mostRates)) return undefined
  const stepped = steps.reduce((sum, step) => sum + step.bytes, 0)
  const counted = new Set(
    steps.flatMap((step) => (step.folded ? [step.window, step.window + 1] : [step.window])),
  )
  let between = 0
  // (Growth that came or went with compiled code is the JIT's: up to twice the code's bytes.)
  for (let w = steps[0]!.window; w < growths.length; w++) {
    const end = baseline + w + 1
    const code = codeGrown(series, end - 1, end) + codeFreed(series, end - 1, end)
    if (!counted.has(w)) between += Math.max(0, Math.abs(growths[w]!) - 2 * code)
  }
  if (between > shape.betweenShare * stepped) return undefined
  const from = baseline + steps[0]!.window
  if (codeChurns(series, from, last)) return undefined
  return {
    from,
    steps: steps.map(({ calls, bytes }) => ({ calls, bytes })),
  }
}

/**
 * How far a step's bytes per call lie from the anchor's, as a factor (1: their ranges overlap); a
 * step's range runs from its growth beside twice the code made to its growth beside none of it.
 */
function offPace(step: Step, anchor: Step): number {
  const least = step.bytes * anchor.calls
  const most = step.most * anchor.calls
  if (most < anchor.bytes * step.calls) return (anchor.bytes * step.calls) / most
  if (least > anchor.most * step.calls) return least / (anchor.most * step.calls)
  return 1
}
