const bars = '▁▂▃▄▅▆▇█'

/** A one-line picture of a series: the lowest value draws ▁, the highest █, a flat series ▁▁▁. */
export function sparkline(values: readonly number[]): string {
  if (values.length === 0) return ''
  const low = Math.min(...values)
  const span = Math.max(...values) - low
  return values
    .map((value) => bars[span === 0 ? 0 : Math.round(((value - low) / span) * (bars.length - 1))])
    .join('')
}
