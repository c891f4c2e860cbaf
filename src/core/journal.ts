import { Type, type Static } from '@sinclair/typebox'
import { globToRegExp } from './glob'

/** A journaled request, as the admin API answers it. */
export const JournalEntry = Type.Object({
  id: Type.Integer(),
  time: Type.String(),
  tenant: Type.String(),
  method: Type.String(),
  path: Type.String(),
  query: Type.Record(Type.String(), Type.Unknown()),
  headers: Type.Record(Type.String(), Type.Unknown()),
  body: Type.Unknown(),
  status: Type.Integer(),
  durationMs: Type.Number(),
  matched: Type.Boolean({ description: 'false when no route matched (WireMock\'s "unmatched")' })
})
export type JournalEntry = Static<typeof JournalEntry>

export interface JournalFilter {
  tenant: string
  method?: string
  path?: string
  status?: number
  since?: string
  limit?: number
  unmatched?: boolean
}

/** Bodies kept in the journal are cut to this many characters of JSON, so the journal stays small. */
export const JOURNAL_BODY_LIMIT = 16 * 1024

/**
 * The request journal: every vendor request, newest last in memory, bounded to `limit` entries across
 * all tenants (the oldest dropped first) so a long-running stub does not grow without end.
 */
export class Journal {
  private entries: JournalEntry[] = []
  private nextId = 1

  constructor (private readonly limit: number) {}

  record (entry: Omit<JournalEntry, 'id'>): void {
    if (this.limit === 0) return
    this.entries.push({ id: this.nextId++, ...entry })
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit)
  }

  /** Matching entries, newest first. */
  find (filter: JournalFilter): JournalEntry[] {
    const path = filter.path === undefined ? undefined : globToRegExp(filter.path)
    const method = filter.method?.toUpperCase()
    const since = filter.since === undefined ? undefined : Date.parse(filter.since)
    const out: JournalEntry[] = []
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i]
      if (e.tenant !== filter.tenant) continue
      if (method !== undefined && e.method !== method) continue
      if (path !== undefined && !path.test(e.path)) continue
      if (filter.status !== undefined && e.status !== filter.status) continue
      if (since !== undefined && Date.parse(e.time) < since) continue
      if (filter.unmatched && e.matched) continue
      out.push(e)
      if (filter.limit !== undefined && out.length >= filter.limit) break
    }
    return out
  }

  clear (tenant?: string): void {
    this.entries = tenant === undefined ? [] : this.entries.filter(e => e.tenant !== tenant)
  }

  get size (): number { return this.entries.length }
}
