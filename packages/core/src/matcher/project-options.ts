import { resolveOptions } from '../options/resolve-options.js'
import { envOptions } from './env-options.js'
import { type LeakMatcherOptions, splitHeapSnapshotOption } from './heap-snapshot-option.js'

// The project's defaults live in the module instance the runner loads for each test file (Vitest's
// and Jest's setup files share it with the test file), so every check of the file sees them.
let configured: LeakMatcherOptions = {}

/**
 * Sets defaults for every check of the project, in a setup file:
 * `configureLeakproof({ timeout: 20_000, retainers: false })`. Each call replaces the previous
 * defaults. Precedence, highest first: the options of one call (`toLeakMemory(options)`,
 * `leakCheck(body, options)`), environment variables (`LEAKPROOF_STRICT=1`, for CI), these
 * defaults, leakproof's own defaults.
 */
export function configureLeakproof(options: LeakMatcherOptions = {}): void {
  // Validated now, so a wrong default fails the setup file, not each check.
  resolveOptions(splitHeapSnapshotOption(options).detectorOptions)
  configured = withoutUndefined(options)
}

/** The options a check runs with: the call's own over the environment's over the project's. */
export function withProjectOptions(options: LeakMatcherOptions | undefined): LeakMatcherOptions {
  return { ...configured, ...envOptions(), ...withoutUndefined(options ?? {}) }
}

function withoutUndefined(options: LeakMatcherOptions): LeakMatcherOptions {
  return Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as LeakMatcherOptions
}
