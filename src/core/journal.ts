import { Type, type Static } from '@sinclair/typebox'
import { compileGlob } from './glob'
import { redactBody } from './redact'
import { refusalOf } from './refusal'

/** The share of unverified traffic (no token, a bad one): never filed under a tenant a token only claims. */
export const ANONYMOUS_TENANT = '(anonymous)'

/** A journaled request, as the admin API answers it. */
export const JournalEntry = Type.Object({
  id: Type.Integer(),
  time: Type.String(),
  tenant: Type.String({ description: `the verified tenant; "${ANONYMOUS_TENANT}" when no token verified` }),
  method: Type.String({ description: 'EVENT for a vendor event (e.g. a task status change)' }),
  path: Type.String({ description: "the path, or an event's kind" }),
  query: Type.Record(Type.String(), Type.Unknown()),
  headers: Type.Record(Type.String(), Type.Unknown()),
  body: Type.Unknown({ description: "the body as the client sent it (redacted, cut), or an event's data" }),
  status: Type.Integer({ description: '0: no answer (the connection was dropped), or an event' }),
  response: Type.Object({ headers: Type.Record(Type.String(), Type.Unknown()), body: Type.Unknown() }),
  durationMs: Type.Number(),
  matched: Type.Boolean({ description: 'false when no route matched (WireMock\'s "unmatched")' }),
  fault: Type.Optional(Type.String({ description: 'the id of the fault rule that shaped the answer' })),
  refused: Type.Optional(Type.String({ description: 'why the request was refused, in words' }))
})
export type JournalEntry = Static<typeof JournalEntry>

/** What the traffic hooks hand the journal: the answer's body as the raw text sent (parsed, redacted only when read). */
export type JournalRecord = Omit<JournalEntry, 'id' | 'response' | 'refused'> & {
  /** `characters`: the whole answer's length when `text` holds only its start (a large answer sent as bytes) */
  response: { headers: Record<string, unknown>, text: string | null, characters?: number }
}

export interface JournalFilter {
  tenant: string
  method?: string
  path?: string
  status?: number
  since?: string
  limit?: number
  unmatched?: boolean
  /** unmatched or refused (status 400 and up) */
  missed?: boolean
}

export interface JournalLimits {
  /** entries kept per tenant */
  entries: number
  /** bytes of serialized entries kept per tenant */
  bytes: number
}

/** Bodies kept in the journal are cut to this many characters of JSON, so the journal stays small. */
export const JOURNAL_BODY_LIMIT = 16 * 1024
/** How many waiters may be pending at once (each is a timer and a closure). */
export const MAX_WAITERS = 1000
export const MAX_WAIT_MS = 60_000

/**
 * What the filters look at, kept beside the serialized entry so a search parses only what it returns.
 * The answer's text is kept as it was sent, outside the JSON: serialising it again (a Probely answer is
 * 3 KB of quotes to escape) was the journal's largest cost per request.
 */
interface Kept { id: number, time: number, method: string, path: string, status: number, matched: boolean, json: string, text: string | null, size: number }

/** One tenant's entries, oldest first from `head` (a queue without shifting the array every time). */
class Shelf {
  entries: Kept[] = []
  head = 0
  bytes = 0
  get size () { return this.entries.length - this.head }
  push (kept: Kept, limits: JournalLimits) {
    this.entries.push(kept)
    this.bytes += kept.size
    // Stryker disable next-line ConditionalExpression,EqualityOperator: an empty shelf holds 0 entries and 0 bytes, never over a limit (both at least 0): the first test only says so
    while (this.size > 0 && (this.size > limits.entries || this.bytes > limits.bytes)) {
      this.bytes -= this.entries[this.head].size
      this.head++
    }
    // Stryker disable next-line all: the dropped entries' slots given back now and then; what the shelf holds from head on is the same whether or when it compacts (memory only)
    if (this.head > 1024 && this.head > this.entries.length / 2) { this.entries = this.entries.slice(this.head); this.head = 0 }
  }
}

interface Waiter { tenant: string, test: (k: Kept) => boolean, filter: JournalFilter, count: number, seen: number, done: (timedOut: boolean) => void }

/** A text past JOURNAL_BODY_LIMIT characters cut there, with the whole length it had (`characters` when `text` is only its start). */
export const cutText = (text: string, characters = text.length) =>
  characters > JOURNAL_BODY_LIMIT ? `${text.slice(0, JOURNAL_BODY_LIMIT)}… (${characters} characters)` : text

/** The answer's text as the journal shows it: JSON parsed and redacted, other text as it was (a long one was cut when kept). */
function answerBody (text: string | null): unknown {
  if (text === null || text === '') return null
  // Stryker disable next-line ConditionalExpression: a text this long was cut when kept and ends in "… (N characters)", never JSON: parsing it would return it as it is (the check saves the parse)
  if (text.length > JOURNAL_BODY_LIMIT) return text
  try { return redactBody(JSON.parse(text)) } catch { return text }
}

/**
 * The request journal. Each tenant has its own shelf, bounded in entries and in bytes (each entry kept
 * as one JSON string, a fraction of an object graph's size), so one tenant's traffic never evicts
 * another's; unverified traffic has a small shelf of its own. Waiters are answered as entries arrive.
 */
export class Journal {
  private shelves = new Map<string, Shelf>()
  private waiters = new Set<Waiter>()
  private nextId = 1

  constructor (private readonly limits: JournalLimits) {}

  private limitsOf (tenant: string): JournalLimits {
    if (tenant !== ANONYMOUS_TENANT) return this.limits
    return { entries: Math.ceil(this.limits.entries / 10), bytes: Math.ceil(this.limits.bytes / 10) }
  }

  record (entry: JournalRecord): void {
    if (this.limits.entries === 0) return
    const id = this.nextId++
    const { response, ...rest } = entry
    const json = JSON.stringify({ id, ...rest, responseHeaders: response.headers })
    const text = response.text === null ? null : cutText(response.text, response.characters)
    const kept: Kept = { id, time: Date.parse(entry.time), method: entry.method, path: entry.path, status: entry.status, matched: entry.matched, json, text, size: json.length + (text?.length ?? 0) }
    let shelf = this.shelves.get(entry.tenant)
    if (!shelf) { shelf = new Shelf(); this.shelves.set(entry.tenant, shelf) }
    shelf.push(kept, this.limitsOf(entry.tenant))
    for (const w of this.waiters) {
      if (w.tenant === entry.tenant && w.test(kept) && ++w.seen >= w.count) w.done(false)
    }
  }

  /** A vendor's event (not a request), e.g. a task's status change: journaled with method EVENT, path = kind. */
  event (tenant: string, kind: string, data: unknown, time = new Date()): void {
    this.record({ time: time.toISOString(), tenant, method: 'EVENT', path: kind, query: {}, headers: {}, body: data ?? null, status: 0, response: { headers: {}, text: null }, durationMs: 0, matched: true })
  }

  private tester (filter: JournalFilter): (k: Kept) => boolean {
    const path = filter.path === undefined ? undefined : compileGlob(filter.path)
    const method = filter.method?.toUpperCase()
    const since = filter.since === undefined ? undefined : Date.parse(filter.since)
    return k => (method === undefined || k.method === method) &&
      (path === undefined || path(k.path)) &&
      (filter.status === undefined || k.status === filter.status) &&
      (since === undefined || k.time >= since) &&
      (!filter.unmatched || !k.matched) &&
      (!filter.missed || !k.matched || k.status >= 400)
  }

  /** Matching entries, newest first. */
  find (filter: JournalFilter): JournalEntry[] {
    const shelf = this.shelves.get(filter.tenant)
    if (!shelf) return []
    const test = this.tester(filter)
    const out: JournalEntry[] = []
    for (let i = shelf.entries.length - 1; i >= shelf.head; i--) {
      const k = shelf.entries[i]
      if (!test(k)) continue
      out.push(decode(k))
      if (filter.limit !== undefined && out.length >= filter.limit) break
    }
    return out
  }

  count (filter: JournalFilter): number {
    const shelf = this.shelves.get(filter.tenant)
    if (!shelf) return 0
    const test = this.tester(filter)
    let n = 0
    for (let i = shelf.head; i < shelf.entries.length; i++) if (test(shelf.entries[i])) n++
    return n
  }

  /**
   * Resolves as soon as `count` entries match (`timedOut: false`), or at `timeoutMs` with what matched
   * (`timedOut: true`). A waiter never outlives its timeout, and closing the journal answers them all.
   */
  wait (filter: JournalFilter, count = 1, timeoutMs = 5000): Promise<{ timedOut: boolean, requests: JournalEntry[] }> {
    if (this.waiters.size >= MAX_WAITERS) return Promise.reject(new RangeError(`at most ${MAX_WAITERS} waiters at once`))
    const ms = Math.min(Math.max(0, timeoutMs), MAX_WAIT_MS)
    const found = () => this.find({ ...filter, limit: count })
    return new Promise(resolve => {
      const seen = this.count(filter)
      if (seen >= count) return resolve({ timedOut: false, requests: found() })
      const waiter: Waiter = {
        tenant: filter.tenant,
        test: this.tester(filter),
        filter,
        count,
        seen,
        done: timedOut => {
          clearTimeout(timer)
          this.waiters.delete(waiter)
          resolve({ timedOut, requests: found() })
        }
      }
      const timer = setTimeout(() => waiter.done(true), ms)
      this.waiters.add(waiter)
    })
  }

  /** Answers every pending waiter (at close). */
  close (): void { for (const w of [...this.waiters]) w.done(true) }

  clear (tenant?: string): void {
    if (tenant === undefined) this.shelves.clear()
    else this.shelves.delete(tenant)
  }

  /** Entries kept, all tenants. */
  get size (): number { let n = 0; for (const s of this.shelves.values()) n += s.size; return n }
  /** Bytes of serialized entries kept, all tenants. */
  get bytes (): number { let n = 0; for (const s of this.shelves.values()) n += s.bytes; return n }
  sizeOf (tenant: string): number { return this.shelves.get(tenant)?.size ?? 0 }
}

function decode (kept: Kept): JournalEntry {
  const { responseHeaders, ...rest } = JSON.parse(kept.json) as Omit<JournalEntry, 'response'> & { responseHeaders: Record<string, unknown> }
  const body = answerBody(kept.text)
  const entry: JournalEntry = { ...rest, response: { headers: responseHeaders, body } }
  if (rest.fault !== undefined) entry.refused = `fault rule ${rest.fault}`
  else if (rest.status >= 400) entry.refused = refusalOf(rest.status, body)
  return entry
}
