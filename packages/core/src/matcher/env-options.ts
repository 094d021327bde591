import { InvalidOptionError } from '../errors/leakproof-error.js'
import type { LeakOptions } from '../options/resolve-options.js'

type Kind = 'boolean' | 'number'

/** The options CI can set without touching the project: `LEAKPROOF_STRICT=1`, `LEAKPROOF_TIMEOUT=20000`. */
const optionVariables: Readonly<Record<string, [keyof LeakOptions, Kind]>> = {
  LEAKPROOF_STRICT: ['strict', 'boolean'],
  LEAKPROOF_TIMEOUT: ['timeout', 'number'],
  LEAKPROOF_THRESHOLD: ['threshold', 'number'],
  LEAKPROOF_SITES: ['sites', 'boolean'],
  LEAKPROOF_RETAINERS: ['retainers', 'boolean'],
  LEAKPROOF_DEBUG: ['debug', 'boolean'],
}

/**
 * The options set by environment variables, read at each check (a watch-mode run may change them).
 * An empty variable is unset; a value that is not a boolean or number is an error naming the variable.
 */
export function envOptions(env: NodeJS.ProcessEnv = process.env): LeakOptions {
  const options: Record<string, boolean | number> = {}
  for (const [variable, [option, kind]] of Object.entries(optionVariables)) {
    const text = env[variable]?.trim()
    if (!text) continue
    options[option] = kind === 'boolean' ? parseBoolean(variable, text) : parseNumber(variable, text)
  }
  return options as LeakOptions
}

function parseBoolean(variable: string, text: string): boolean {
  const value = text.toLowerCase()
  if (value === '1' || value === 'true') return true
  if (value === '0' || value === 'false') return false
  throw new InvalidOptionError(variable, text, '1, true, 0 or false')
}

function parseNumber(variable: string, text: string): number {
  const value = Number(text)
  if (!Number.isFinite(value)) throw new InvalidOptionError(variable, text, 'a number')
  return value
}
