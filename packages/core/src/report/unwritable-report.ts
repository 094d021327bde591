import { describeError } from '../errors/leakproof-error.js'

/**
 * The one warning for a report file that could not be written (or removed): the path, the reason
 * (the system's error code when there is one) and the reporter option that moves the file.
 */
export function unwritableReport(action: string, path: string, error: unknown, option: string): string {
  const reason = (error as NodeJS.ErrnoException).code ?? describeError(error)
  return (
    `leakproof: could not ${action} at ${path} (${reason}). ` +
    `Set the reporter option \`${option}\` to a path in a writable folder, or to false.`
  )
}
