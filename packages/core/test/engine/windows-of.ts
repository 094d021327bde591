import { SampleSeries } from '../../src/engine/sample-series.js'

/** Windows of `calls` each after a first sample at call 10 (10 MB), each growing by the next of `growths`. */
export function windowsOf(calls: number, growths: number[]): SampleSeries {
  const series = new SampleSeries(growths.length + 1)
  let heap = 1e7
  series.push(10, heap, 0)
  growths.forEach((growth, window) => {
    heap += growth
    series.push(10 + (window + 1) * calls, heap, 0)
  })
  return series
}
