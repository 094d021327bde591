/** The environment variable that turns `leakCheck` annotations on, unless a call names another. */
export const defaultLeakTrigger = 'LEAKPROOF'

/** True when the trigger variable is set to anything but an empty string, `0` or `false`. */
export function isLeakCheckTriggered(trigger: string = defaultLeakTrigger): boolean {
  const value = process.env[trigger]
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false'
}
