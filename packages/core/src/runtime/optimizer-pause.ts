import v8 from 'node:v8'

/**
 * V8's optimising compilers (TurboFan, and Maglev where it is on) leave metadata in the heap that
 * no full GC frees for a while: deoptimisation data, lists of dependent code on hidden classes,
 * literal arrays. Code that embeds objects of a call (a request, a DOM node) is thrown away at the
 * next full GC when they die, and optimised again, so a costly function measured with a GC every
 * few calls grows by it: a clean loopback HTTP GET by ~40 B/call over its first 4,000 calls, ever
 * slower (bounded near 230 KB after ~60,000 calls, beyond any budget), jsdom by tens of KB in a
 * window. With the optimising tiers paused for the measurement, both are flat after a few windows.
 *
 * Only for costly calls: the interpreter and Sparkplug run a microsecond function 5-25 times
 * slower, and its long windows need no help. The flags are process-wide (all worker threads of a
 * process): a check in another thread that resumes them early leaves this one as it was before.
 */
let paused = false

/** Whether the process was started with flags of its own for the optimising tiers (then left alone). */
const userTunedFlags = /--(no-)?(opt|turbofan|maglev)\b|--max-opt|--jitless/

/** V8 11.7 (Node.js 22) turned Maglev on by default; Node.js 20 (V8 11.3) has it off. */
function maglevByDefault(): boolean {
  const [major = 0, minor = 0] = process.versions.v8.split('.').map(Number)
  return major > 11 || (major === 11 && minor >= 7)
}

function userTuned(): boolean {
  return userTunedFlags.test([...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' '))
}

/** Stops V8 from optimising functions (what is optimised already stays) until `resumeOptimizer`. */
export function pauseOptimizer(): void {
  if (paused || userTuned()) return
  paused = true
  v8.setFlagsFromString('--no-turbofan')
  if (maglevByDefault()) v8.setFlagsFromString('--no-maglev')
}

/** Whether this copy of the engine has paused the optimising compilers. */
export function optimizerPaused(): boolean {
  return paused
}

/** Lets V8 optimise again, as the process was started; nothing when it was not paused. */
export function resumeOptimizer(): void {
  if (!paused) return
  paused = false
  v8.setFlagsFromString('--turbofan')
  if (maglevByDefault()) v8.setFlagsFromString('--maglev')
}
