/**
 * Probely's pagination, as DRF's PageNumberPagination with `page` and `length` query parameters:
 * a bad or missing `length` falls back to 30, a larger one is capped; `page` past the end, zero or not
 * a number is a 404 "Invalid page." (`last` is the last page).
 */
export const DEFAULT_LENGTH = 30
export const MAX_LENGTH = 10000

export interface PageRequest { page: number, length: number, offset: number }

const positiveInt = (raw: string | undefined): number | undefined =>
  raw !== undefined && /^\s*\+?\d+\s*$/.test(raw) && Number.parseInt(raw, 10) > 0 ? Number.parseInt(raw, 10) : undefined

/** Returns the page to read, or undefined for "Invalid page.". */
export function pageRequest (query: { page?: string, length?: string }, count: number): PageRequest | undefined {
  const length = Math.min(positiveInt(query.length) ?? DEFAULT_LENGTH, MAX_LENGTH)
  const pageTotal = Math.max(1, Math.ceil(count / length))
  const page = query.page === undefined ? 1 : query.page === 'last' ? pageTotal : positiveInt(query.page)
  if (page === undefined || page > pageTotal) return undefined
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
export function paginate<T> (query: { page?: string, length?: string }, count: number, read: (limit: number, offset: number) => T[]) {
  const page = pageRequest(query, count)
  return page && pageBody(page, count, read(page.length, page.offset))
}
