import type { CodeScope } from './classify-frame.js'
import type { LeakSite } from './leak-site.js'
import { leakproofRoot } from './leakproof-root.js'
import { readSourceLine } from './read-source-line.js'
import { StoreTracker } from './store-tracker.js'

/** What the diagnosis pass is told. */
export interface DiagnosisSettings {
  traceback: boolean
  include: readonly string[]
  exclude: readonly string[]
  /** Estimated growth per call, from the verdict, shared out between the sites. */
  bytesPerIteration: number
}

/** Sites must keep at least this many values per call to be named (1 in 50 calls). */
const minCountPerIteration = 0.02
const maxSites = 5

/**
 * The second pass after a leak verdict: runs a few more calls with the structures of the function's
 * realm instrumented, then names the lines whose insertions stayed.
 */
export class LeakDiagnosis {
  readonly #tracker: StoreTracker
  readonly #settings: DiagnosisSettings
  #calls = 0

  constructor(settings: DiagnosisSettings) {
    this.#settings = settings
    const scope: CodeScope = { include: settings.include, exclude: settings.exclude, leakproofRoot }
    this.#tracker = new StoreTracker(scope)
  }

  start(fn: unknown): void {
    this.#tracker.start(fn)
  }

  beginCall(): void {
    this.#tracker.beginCall(++this.#calls)
  }

  stop(): void {
    this.#tracker.stop()
  }

  sites(): LeakSite[] {
    const calls = Math.max(1, this.#calls)
    const tallies = this.#tracker
      .tally()
      .map((tally) => ({ ...tally, countPerIteration: tally.kept / calls }))
      .filter((tally) => tally.countPerIteration >= minCountPerIteration)
      .sort((a, b) => b.countPerIteration - a.countPerIteration)
      .slice(0, maxSites)
    const total = tallies.reduce((sum, tally) => sum + tally.countPerIteration, 0)
    return tallies.map((tally) => {
      const site = tally.traceback.find((frame) => frame.owner === 'user')!
      return {
        kind: 'stored-at' as const,
        file: site.file,
        line: site.line,
        column: site.column,
        functionName: site.functionName,
        source: readSourceLine(site.file, site.line),
        operation: tally.operation,
        target: tally.target,
        bytesPerIteration: (this.#settings.bytesPerIteration * tally.countPerIteration) / total,
        countPerIteration: tally.countPerIteration,
        ...(this.#settings.traceback ? { traceback: tally.traceback } : {}),
      }
    })
  }
}
