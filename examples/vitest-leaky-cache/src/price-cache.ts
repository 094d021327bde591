export interface Query {
  sku: string
  currency: string
}

const cache = new Map<Query, number>()

/** Memoises prices by query object: every call passes a fresh object, so the cache never hits. */
export function price(query: Query): number {
  const cached = cache.get(query)
  if (cached !== undefined) return cached
  const value = query.sku.length * 100
  cache.set(query, value)
  return value
}

const byKey = new Map<string, number>()

/** The fix: key by value, so the cache holds one entry per distinct query. */
export function priceFixed(query: Query): number {
  const key = `${query.sku}:${query.currency}`
  const cached = byKey.get(key)
  if (cached !== undefined) return cached
  const value = query.sku.length * 100
  byKey.set(key, value)
  return value
}
