/**
 * Records kept parsed in memory, by tenant and id, at most `limit` of them (the first kept is
 * forgotten first). A repo keeps a record only once the statement that stored it has succeeded; after
 * a rollback the store calls `clear()`, since SQLite alone then knows what is stored.
 *
 * Kept records are shared by every answer that reads them, so they are frozen (deeply) when kept: a
 * caller that changes one throws instead of corrupting what later requests read. Writers copy.
 */
/** 10,000 parsed records per repository: a few tens of MB at most, enough for a fixture of that size (KEPT_RECORDS) */
export const KEPT_RECORDS_DEFAULT = 10_000

export class KeptRecords<T> {
  private readonly records = new Map<string, T>()

  constructor (private readonly limit: number) {}

  get (tenant: string, id: string): T | undefined {
    return this.records.get(keyOf(tenant, id))
  }

  /** The kept record, else what `read` finds in SQLite, kept from now on (undefined: none, nothing kept). */
  getOrRead (tenant: string, id: string, read: () => T | undefined): T | undefined {
    const kept = this.get(tenant, id)
    if (kept !== undefined) return kept
    const record = read()
    if (record !== undefined) this.keep(tenant, id, record)
    return record
  }

  keep (tenant: string, id: string, record: T): void {
    const key = keyOf(tenant, id)
    if (this.records.size >= this.limit && !this.records.has(key)) this.records.delete(this.records.keys().next().value as string)
    this.records.set(key, deepFreeze(record))
  }

  delete (tenant: string, id: string): void {
    this.records.delete(keyOf(tenant, id))
  }

  /** Forgets one tenant's records. */
  forgetTenant (tenant: string): void {
    const prefix = keyOf(tenant, '')
    for (const key of this.records.keys()) if (key.startsWith(prefix)) this.records.delete(key)
  }

  clear (): void {
    this.records.clear()
  }
}

const keyOf = (tenant: string, id: string) => `${tenant}\u0000${id}`

function deepFreeze<T> (value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}
