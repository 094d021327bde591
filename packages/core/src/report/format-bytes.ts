const units = ['B', 'KB', 'MB', 'GB']

/** `1536` -> `1.5 KB`; keeps the sign, one decimal below 100. */
export function formatBytes(bytes: number): string {
  let value = Math.abs(bytes)
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  const digits = value < 100 && (unit > 0 || !Number.isInteger(value)) ? 1 : 0
  return `${bytes < 0 ? '-' : ''}${value.toFixed(digits)} ${units[unit]}`
}
