import { formatCount } from '../runtime/format-count.js'
import { describeStepWindows, everyCallAddsStep, findExactSteps } from './exact-steps.js'
import type { Judgement, JudgeSettings } from './judgement.js'
import type { SampleSeries } from './sample-series.js'
import {
  codePeak,
  growthBetween,
  largestDrop,
  largestLastingRise,
  secondLargestDrop,
  windowGrowths,
} from './series-growth.js'
import { growsInNearlyEveryWindow, growsSteadily } from './steady-growth.js'

/**
 * Windows shorter than this many calls (costly functions) need a leak of `minShortWindowRate`: a big
 * library tiering up on a busy machine (jsdom rendering and removing a node, in a Jest worker) grew
 * 8.4 B/call for 24,000 calls, steadily; Jest's `expect` warmed up at 3 B/call.
 */
const shortWindowCalls = 4096
const minShortWindowRate = 12
/**
 * Over the first `shortWindowCalls` calls of a costly function, a leak slower than this must grow
 * in nearly every window (`warmUpGrowingShare`): warm-up (JIT metadata, native wrappers, a runner's
 * caches) retains up to ~30 B/call there for a thousand calls, in swings, before it levels off or
 * is freed (a 1 ms hashing function, more so on a busy machine).
 */
const minWarmUpRate = 48
const warmUpGrowingShare = 0.8
/**
 * A costly function's slow, uneven growth is warm-up for this many calls at most (jsdom: 12,000 in a
 * loaded Jest worker). Past them the calls are cheap ones a busy machine made look costly (an 8 B/call
 * index-write leak in windows of ~4,000 calls, after millions of calls): the leak rules judge it.
 */
const warmUpMaxCalls = 65_536
/**
 * Windows a costly function's leak must span, so that its warm-up rules (share of growing windows,
 * bursts, median rates) have windows to judge: three long windows of jsdom's render-and-remove in a
 * Vitest worker on a busy machine each grew, at 73 B/call over 3,000 calls, after a flat start.
 */
const minCostlySpanWindows = 5
/**
 * A leak this fast may grow in bursts: a big library's warm-up grew by 60 B/call at most (jsdom), while
 * a jsdom listener leak of 415 B/call swung by +-100-290 KB in windows of 75 calls and grew in only
 * two thirds of them.
 */
const minBurstyLeakRate = 4 * minWarmUpRate

/**
 * Leaking: over the last half of the calls (at least three windows), memory grew by more than
 * noise and swings allow, in most windows, at a steady rate in both halves of that span, which
 * separates unbounded growth from a cache that is filling up or a function warming up.
 */
export function judgeGrowth(series: SampleSeries, baseline: number, settings: JudgeSettings): Judgement {
  const last = series.length - 1
  const total = series.iteration(last) - series.iteration(baseline)
  // The span: the last half of the calls, and at least three windows (five for a costly function).
  let from = last - 1
  while (from > baseline && series.iteration(last) - series.iteration(from) < total / 2) from--
  // Five windows when they are short; a leak that makes its own calls costly (an EventTarget's
  // listener list, O(n) to append to) in long geometric windows needs only three.
  const shortLast = series.iteration(last) - series.iteration(last - 1) < shortWindowCalls
  from = Math.min(from, last - (settings.costly && shortLast ? minCostlySpanWindows : 3))
  const latest = growthBetween(series, last - 1, last, settings.threshold)
  const growing = latest > settings.granuleBytes
  if (from < baseline) {
    const rate = Math.max(0, growthBetween(series, baseline, last, settings.threshold) / Math.max(1, total))
    return undecided(rate, growing, 'not enough windows measured yet')
  }
  const enoughCalls =
    total >= settings.minLeakCalls || growthBetween(series, baseline, last) >= settings.enoughLeakBytes
  // Equal steps in most windows are the signature of a leak, however slow or costly the calls
  // (the warm-up rules below are for uneven growth).
  const steps = findExactSteps(series, baseline, settings)
  // Steps in nearly every window wait only for calls, and windows twice as long would show twice the
  // step (see measure-leak). Not steps in most windows only: a log record kept every 10th call added
  // 144 B to 4 of 5 windows of 8 calls (0 B to the fifth), 144 or 288 B to windows of 16 calls, and
  // would add 3 or 4 records to windows of 32, which no step counts (exact-steps counts one or two).
  // Near the step is enough: zlib's buffers add a few hundred bytes to some of its windows.
  if (steps && !enoughCalls && everyCallAddsStep(series, steps, last, settings)) {
    const stepRate = steps.stepBytes / (series.iteration(last) - series.iteration(last - steps.stride))
    return {
      ...undecided(
        stepRate,
        growing,
        `memory grew by the same ~${Math.round(steps.stepBytes)} bytes in ${steps.stepped} of the last ${describeStepWindows(steps)}, but over too few calls yet to tell a leak from a cache filling up`,
      ),
      awaiting: 'calls',
    }
  }
  if (steps && enoughCalls) {
    const stepCalls = series.iteration(last) - series.iteration(steps.from)
    return {
      verdict: 'leaking',
      bytesPerIteration: Math.max(0, growthBetween(series, steps.from, last, settings.threshold) / stepCalls),
      from: steps.from,
      reason:
        `memory grew by the same ~${Math.round(steps.stepBytes)} bytes in ${steps.stepped} of the last ` +
        `${describeStepWindows(steps)} (${formatCount(stepCalls)} calls)`,
    }
  }
  const calls = series.iteration(last) - series.iteration(from)
  const growth = growthBetween(series, from, last, settings.threshold)
  const rate = Math.max(0, growth / calls)
  // Memory that dropped this much within the span can rise as much again without anything leaking
  // (sockets, pools, timer lists), so a leak must outgrow its swings. Before the span one drop may be
  // the runner freeing what it held for earlier tests, or a leaking store moving once: a function
  // that swings again and again (jsdom, by ~100 KB) shows it by its second largest drop there.
  const swings = 4 * Math.max(largestDrop(series, from, last), secondLargestDrop(series, baseline + 1, last))
  const growths = windowGrowths(series, from, last, settings.threshold)
  const windows = last - from
  // One window's jump that stays (a buffer or table a library allocates once) is no leak, however
  // steady the slow growth around it: over many windows, a leak's growth stands out without it too.
  // A new connection per call on loopback grew ~50 B/call, ever slower, over 62 windows of 16
  // calls, then +230 KB in the last one, and was called leaking.
  const largestJump = windows > 4 ? largestLastingRise(series, from, last) : 0
  if (growth - largestJump <= Math.max(settings.minLeakBytes, swings)) {
    return undecided(
      rate,
      growing,
      growth > settings.granuleBytes ? 'memory grew, but not beyond noise yet' : 'memory did not grow',
    )
  }
  // A leak grows in most windows; one-off growth (JIT metadata, an engine table resized now and
  // then) shows in a few and sums up over many windows.
  const grew = growths.filter((window) => window > 0).length
  const shortWindows = settings.costly || calls / windows < shortWindowCalls
  // Slow growth early in a costly function is what its warm-up looks like (`minWarmUpRate`).
  const slowEarly = shortWindows && rate < minWarmUpRate
  const growingShareNeeded =
    slowEarly && total < shortWindowCalls
      ? Math.max(settings.minGrowingShare, warmUpGrowingShare)
      : settings.minGrowingShare
  // Over a few (long) windows, each must grow by more than a clean function's swings can: timer
  // lists and pools rise for thousands of calls before they level off.
  if (windows <= 4) {
    if (growths.some((window) => window <= settings.minWindowBytes))
      return undecided(rate, growing, 'memory grew, but not in every window beyond noise')
  } else if (shortWindows && rate < minShortWindowRate) {
    // Short windows (costly calls) see the few bytes per call an engine or a runner keeps while it
    // warms up (inline caches, an assertion library's state) for thousands of calls: too little to
    // call a leak there. Long windows see such growth end.
    return undecided(rate, growing, 'memory grew by a few bytes per call, too little to tell from warm-up')
  } else if (grew < growingShareNeeded * windows) {
    return undecided(rate, growing, 'memory grew in too few windows to be steady')
  } else if (
    shortWindows &&
    !settings.foreignFrees &&
    rate < minBurstyLeakRate &&
    !growsInNearlyEveryWindow(growths)
  ) {
    return undecided(rate, growing, 'memory grew in bursts, not by a similar amount in each window')
  }
  if (!growsSteadily(series, baseline, from, last, shortWindows, settings))
    return undecided(rate, growing, 'memory grew, but not steadily')
  if (!enoughCalls) return undecided(rate, growing, 'memory grew steadily, but over too few calls yet')
  // A costly function's slow growth is a leak only by its exact steps (`findExactSteps`): jsdom's
  // render-and-remove in Jest and Vitest workers on a busy machine grew steadily but unevenly at
  // 17-37 B/call for 5,000-12,000 calls, while a leak of fixed-size objects adds the same bytes to
  // each window.
  if (settings.costly && calls / windows < shortWindowCalls && total < warmUpMaxCalls && rate < minWarmUpRate)
    return undecided(
      rate,
      growing,
      'memory grew slowly and unevenly, as a big library warming up does for thousands of calls (a leak ' +
        'that slow would add the same bytes to every window)',
    )
  // Optimised code brings metadata of about its size into the old space: when the code space grew
  // by half of the span's growth or more, the JIT is still tiering up (jsdom on a busy machine). At
  // its peak within the span, not only at its end: code flushed again leaves metadata behind (jsdom's
  // render-and-remove grew 220 KB over five windows while its code rose 135 KB and fell 29 KB again,
  // and was called leaking in a Jest worker).
  if (codePeak(series, from, last) > growth / 2)
    return undecided(
      rate,
      growing,
      'memory grew about as much as compiled code did (the JIT still optimising the code it runs)',
    )
  return {
    verdict: 'leaking',
    bytesPerIteration: rate,
    from,
    reason: `memory grew steadily over the last ${formatCount(calls)} calls (${last - from} windows)`,
  }
}

function undecided(
  rate: number,
  growing: boolean,
  reason: string,
): Extract<Judgement, { verdict: 'undecided' }> {
  return { verdict: 'undecided', bytesPerIteration: rate, growing, reason }
}
