import v8 from 'node:v8'
import { InspectorSession } from '../../runtime/inspector-session.js'
import { toPath } from '../source/parse-stack.js'

/** Any function: only its identity and scopes matter here. */
export type AnyFunction = (...args: never) => unknown

/** One scope a function closes over, handed back as a plain object of its variables. */
export interface ClosureScope {
  /** `closure`, `module`, `script` (top-level let/const of scripts) or `block`. */
  kind: string
  /** The variables the function (or a sibling closure) captured, by name. */
  variables: Record<string, unknown>
  /** True for the outermost scope before the globals: a module's top level under CJS wrappers too. */
  outermost: boolean
}

/** Where a function was made, and what it closes over. */
export interface FunctionScopes {
  file: string | undefined
  scopes: ClosureScope[]
}

interface RemoteObject {
  objectId?: string
  description?: string
}

interface PropertyList {
  result?: { name: string; value?: RemoteObject }[]
  internalProperties?: { name: string; value?: RemoteObject & { value?: { scriptId?: string } } }[]
}

const group = 'leakproof-scopes'

/**
 * Reads the scopes a function closes over, which JavaScript cannot see: the inspector lists them as
 * the function's `[[Scopes]]` and materialises each as an object whose properties are the captured
 * variables, with their identities (the `Map` in a scope is the module's `Map`). Under Vitest and
 * Jest a module's top level is the scope of the function the runner wraps the module in; under
 * Node's ESM it is a `Module` scope. Four inspector round trips per function, no heap snapshot.
 */
export class ScopeReader {
  readonly #session = new InspectorSession()
  readonly #scripts = new Map<string, string>()
  readonly #key = `__leakproofScopes${process.pid}`
  readonly #parking = v8 as unknown as Record<string, unknown>
  #sink: string | undefined

  constructor() {
    // Debugger.enable replays every loaded script: their URLs name the files functions were made in.
    this.#session.on('Debugger.scriptParsed', ({ params }) => {
      const { scriptId, url } = params as { scriptId: string; url: string }
      this.#scripts.set(scriptId, url)
    })
    this.#session.post('Debugger.enable')
    this.#session.post('Debugger.disable')
    this.#parking[this.#key] = []
  }

  /** The file a function was defined in and its scopes, innermost first; globals are left out. */
  read(fn: AnyFunction): FunctionScopes {
    const parked = this.#parking[this.#key] as unknown[]
    parked.length = 0
    parked.push(fn)
    const { result } = this.#session.post<{ result: RemoteObject }>('Runtime.evaluate', {
      expression: `process.getBuiltinModule('node:v8')[${JSON.stringify(this.#key)}][0]`,
      objectGroup: group,
    })
    parked.length = 0
    if (!result.objectId) return { file: undefined, scopes: [] }
    const own = this.#session.post<PropertyList>('Runtime.getProperties', {
      objectId: result.objectId,
      ownProperties: true,
    })
    const internal = own.internalProperties ?? []
    const scriptId = internal.find((p) => p.name === '[[FunctionLocation]]')?.value?.value?.scriptId
    const url = scriptId === undefined ? undefined : this.#scripts.get(scriptId)
    const file = url ? toPath(url) : undefined
    const scopesId = internal.find((p) => p.name === '[[Scopes]]')?.value?.objectId
    if (!scopesId) return { file, scopes: [] }
    const list = this.#session.post<PropertyList>('Runtime.getProperties', {
      objectId: scopesId,
      ownProperties: true,
    })
    const entries = (list.result ?? []).filter((entry) => /^\d+$/.test(entry.name) && entry.value?.objectId)
    if (entries.length === 0) return { file, scopes: [] }
    // One call hands every scope object back to JavaScript, through a sink array in the main realm.
    this.#session.post('Runtime.callFunctionOn', {
      objectId: this.#sinkId(),
      functionDeclaration: 'function (...scopes) { this.push(...scopes) }',
      arguments: entries.map((entry) => ({ objectId: entry.value!.objectId })),
    })
    const handed = (parked.splice(0) as { description?: string; object?: Record<string, unknown> }[]).map(
      (scope, index) => ({
        kind: scopeKind(scope.description ?? entries[index]?.value?.description ?? ''),
        variables: scope.object ?? {},
      }),
    )
    const kept = handed.filter((scope) => scope.kind !== 'global' && scope.kind !== 'with')
    return {
      file,
      scopes: kept.map((scope, index) => ({
        ...scope,
        outermost: index === kept.length - 1 || kept[index + 1]?.kind === 'script',
      })),
    }
  }

  /**
   * The private fields (`#listeners`) of an instance, which reflection cannot see: the inspector
   * lists them, and one call hands their values back.
   */
  privateFields(object: object): Record<string, unknown> {
    const parked = this.#parking[this.#key] as unknown[]
    parked.length = 0
    parked.push(object)
    const { result } = this.#session.post<{ result: RemoteObject }>('Runtime.evaluate', {
      expression: `process.getBuiltinModule('node:v8')[${JSON.stringify(this.#key)}][0]`,
      objectGroup: group,
    })
    parked.length = 0
    if (!result.objectId) return {}
    const { privateProperties = [] } = this.#session.post<{
      privateProperties?: { name: string; value?: RemoteObject }[]
    }>('Runtime.getProperties', { objectId: result.objectId, ownProperties: true })
    const fields = privateProperties.filter((field) => field.value?.objectId)
    if (fields.length === 0) return {}
    this.#session.post('Runtime.callFunctionOn', {
      objectId: this.#sinkId(),
      functionDeclaration: 'function (...values) { this.push(...values) }',
      arguments: fields.map((field) => ({ objectId: field.value!.objectId })),
    })
    const values = parked.splice(0)
    return Object.fromEntries(fields.map((field, index) => [field.name, values[index]]))
  }

  #sinkId(): string {
    if (!this.#sink) {
      const { result } = this.#session.post<{ result: RemoteObject }>('Runtime.evaluate', {
        expression: `process.getBuiltinModule('node:v8')[${JSON.stringify(this.#key)}]`,
        objectGroup: group,
      })
      if (!result.objectId) throw new Error('the inspector could not hand scopes back')
      this.#sink = result.objectId
    }
    return this.#sink
  }

  /** Releases the inspector's handles and the parking slot; safe to call more than once. */
  dispose(): void {
    delete this.#parking[this.#key]
    try {
      this.#session.post('Runtime.releaseObjectGroup', { objectGroup: group })
    } catch {
      // Already disconnected.
    }
    this.#session.disconnect()
  }
}

function scopeKind(description: string): string {
  const word = /^\w+/.exec(description)?.[0]?.toLowerCase() ?? 'closure'
  return word === 'local' ? 'closure' : word
}
