/**
 * Probely's pagination, as DRF's PageNumberPagination with `page` and `length` query parameters: a
 * `length` that is not a positive integer falls back to 10, a larger one is capped; `page` past the end,
 * below 1 or not an integer is a 404 "Invalid page." (`last` is the last page). Query values are read as
 * Django's QueryDict gives them (the last of a repeated parameter) and numbers as Python's int() reads text.
 */
import type { FastifyReply } from 'fastify'
import { DETAIL, sendDetail } from './errors'

export const DEFAULT_LENGTH = 10
export const MAX_LENGTH = 10000

export interface PageRequest { page: number, length: number, offset: number }
export type PageQuery = { page?: string | string[], length?: string | string[] }

// eslint-disable-next-line no-control-regex -- Python's int() strips what str.isspace() calls whitespace, \x1c-\x1f included
const PY_WHITESPACE = /^[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g

/** Python's int() of a text: whitespace around, a sign, Unicode decimal digits, single underscores between them. */
export function pyIntOf (text: string): number | undefined {
  const m = /^([+-]?)(\p{Nd}+(?:_\p{Nd}+)*)$/u.exec(text.replace(PY_WHITESPACE, ''))
  if (!m) return undefined
  let n = 0
  for (const ch of m[2].replace(/_/g, '')) {
    let start = ch.codePointAt(0)!
    const cp = start
    while (/\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--
    n = n * 10 + (cp - start) % 10
  }
  return m[1] === '-' ? -n : n
}

/** QueryDict's `query_params[name]`: the last value sent */
const last = (value: string | string[] | undefined) => Array.isArray(value) ? value[value.length - 1] : value

/** Returns the page to read, or undefined for "Invalid page.". */
export function pageRequest (query: PageQuery, count: number): PageRequest | undefined {
  const asked = last(query.length)
  const wanted = asked === undefined ? undefined : pyIntOf(asked)
  const length = wanted === undefined || wanted <= 0 ? DEFAULT_LENGTH : Math.min(wanted, MAX_LENGTH)
  const pageTotal = Math.max(1, Math.ceil(count / length))
  const pageText = last(query.page)
  const page = pageText === undefined ? 1 : pageText === 'last' ? pageTotal : pyIntOf(pageText)
  if (page === undefined || page < 1 || page > pageTotal) return undefined
  return { page, length, offset: (page - 1) * length }
}

export function pageBody<T> (request: PageRequest, count: number, results: T[]) {
  return {
    count,
    page_total: Math.max(1, Math.ceil(count / request.length)),
    page: request.page,
    length: request.length,
    results
  }
}

/**
 * One page of a list as Probely answers it, or undefined for "Invalid page.": `read(limit, offset)`
 * fetches the page's records once the page is known to exist.
 */
export function paginate<T> (query: PageQuery, count: number, read: (limit: number, offset: number) => T[]) {
  const page = pageRequest(query, count)
  return page && pageBody(page, count, read(page.length, page.offset))
}

/** Answers a page's JSON, or Probely's 404 "Invalid page." when there is no such page. */
export function sendPageJson (reply: FastifyReply, json: Buffer | undefined) {
  return json === undefined ? sendDetail(reply, 404, DETAIL.invalidPage) : reply.type('application/json').send(json)
}

/**
 * A list page's key among the store's kept pages (KeptPages): the list, the tenant and the page asked
 * for as sent (`page` and `length` as given: two spellings of one page are kept apart, never confused).
 */
export const pageKey = (list: string, tenant: string, query: PageQuery) =>
  JSON.stringify(['probely', list, tenant, query.page ?? null, query.length ?? null])

/** Records serialized between two yields to the event loop while a long page is written. */
export const RECORDS_PER_TURN = 500

/**
 * One page as JSON bytes, or undefined for "Invalid page.": the records are read at once (one consistent
 * view: kept records are frozen, never changed in place), then serialized RECORDS_PER_TURN at a time
 * with a turn of the event loop between, so a 10,000-record page (24 MB of JSON) never holds other
 * requests up for more than a few milliseconds. Same bytes as the Page schema's serializer.
 * Each record's text is encoded to bytes as it is made: a page sent as one 24 MB string cost ~150 ms more
 * in the socket write than the same bytes as a Buffer (Node sizes a string's write buffer at 3 bytes per
 * character, 72 MB here, and Fastify measures the string's byte length first: `writev` was the largest
 * item of a profile of `GET /targets/?length=10000`).
 */
export async function paginateJson<T> (query: PageQuery, count: number, read: (limit: number, offset: number) => T[],
  toJson: (record: T) => string): Promise<Buffer | undefined> {
  const page = pageRequest(query, count)
  if (page === undefined) return undefined
  const records = read(page.length, page.offset)
  const out = new GrowingBuffer()
  out.write(`{"count":${count},"page_total":${Math.max(1, Math.ceil(count / page.length))},"page":${page.page},"length":${page.length},"results":[`)
  for (let start = 0; start < records.length; start += RECORDS_PER_TURN) {
    if (start > 0) await new Promise(resolve => setImmediate(resolve))
    const end = Math.min(records.length, start + RECORDS_PER_TURN)
    for (let i = start; i < end; i++) {
      if (i > 0) out.write(',')
      out.write(toJson(records[i]))
    }
    // room for the rest at the first turn's bytes per record, and a little more: grown once, not doubled
    // past the page's size (a 24 MB page in a 32 MB buffer)
    if (start === 0 && end < records.length) out.reserve(Math.ceil(out.size * records.length / end * 1.05))
  }
  out.write(']}')
  return out.bytes()
}

/**
 * Text written as UTF-8 into one buffer that doubles as it fills: each record's JSON is encoded where it
 * lands, so a page is never also held as turn-sized strings and their buffers, then copied once more
 * into one (Buffer.concat). With the whole-list statements of targets.repo.ts, the server's CPU for a warm
 * `GET /targets/?length=10000` (10,000 targets, 24 MB) went from a median of ~310 ms to ~140 (seven GETs
 * each, two runs of each build, a loaded machine), peak RSS 386 to 359 MB.
 */
class GrowingBuffer {
  private buffer = Buffer.allocUnsafe(16 * 1024)
  private length = 0

  get size (): number { return this.length }

  write (text: string): void {
    // a UTF-8 byte sequence is at most 3 bytes per UTF-16 unit
    const most = text.length * 3
    if (this.length + most > this.buffer.length) this.reserve(Math.max(this.buffer.length * 2, this.length + most))
    this.length += this.buffer.write(text, this.length)
  }

  /** Room for `bytes` in all. */
  reserve (bytes: number): void {
    if (bytes <= this.buffer.length) return
    const grown = Buffer.allocUnsafe(bytes)
    this.buffer.copy(grown, 0, 0, this.length)
    this.buffer = grown
  }

  /** The bytes written, without the unused end. */
  bytes (): Buffer {
    return this.buffer.subarray(0, this.length)
  }
}
