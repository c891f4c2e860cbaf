import { parseDrfDateTime } from './datetime'
import type { FieldErrors } from './drf'
import type { StoredScan } from './scans.repo'
import { SCAN_STATUSES } from './scans.schemas'

/**
 * The scan lists' filters, as django-filter and DRF's OrderingFilter read them: `status` repeated,
 * `search`, `scan_profile`, `created|started|completed|changed` with `__gte __gt __lte __lt`, `ordering`
 * (comma-separated, `-` for descending; unknown fields ignored). Bad values are field errors.
 */

export const choiceMessage = (value: string) => `Select a valid choice. ${value} is not one of the available choices.`
const TIME_FILTER = /^(created|started|completed|changed)__(gte|gt|lte|lt)$/
const ORDERABLE = new Set(['created', 'started', 'completed', 'changed', 'status', 'scan_profile', 'id'])

type Query = Record<string, string | string[] | undefined>
export const values = (v: string | string[] | undefined): string[] => v === undefined ? [] : Array.isArray(v) ? v : [v]
const one = (v: string | string[] | undefined) => Array.isArray(v) ? v[v.length - 1] : v

export interface ScanFilter { keep: (s: StoredScan, searchText: string) => boolean, order: (a: StoredScan, b: StoredScan) => number }

export function scanFilter (query: Query): { filter: ScanFilter } | { errors: FieldErrors } {
  const errors: FieldErrors = {}
  const statuses = values(query.status).filter(s => s !== '')
  const badStatus = statuses.find(s => !(SCAN_STATUSES as readonly string[]).includes(s))
  if (badStatus !== undefined) errors.status = [choiceMessage(badStatus)]
  const times: { field: 'created' | 'started' | 'completed' | 'changed', op: string, at: string }[] = []
  for (const [name, raw] of Object.entries(query)) {
    const m = TIME_FILTER.exec(name)
    const value = one(raw)
    if (m === null || value === undefined || value === '') continue
    const at = parseDrfDateTime(value)
    if (at === null) errors[name] = ['Enter a valid date/time.']
    else times.push({ field: m[1] as 'created', op: m[2], at })
  }
  if (Object.keys(errors).length > 0) return { errors }

  const search = (one(query.search) ?? '').trim().toLowerCase()
  const profile = one(query.scan_profile)
  const wanted = new Set(statuses)
  const orderings = (one(query.ordering) ?? '').split(',').map(o => o.trim())
    .filter(o => ORDERABLE.has(o.replace(/^-/, '')))
  if (orderings.length === 0) orderings.push('-created')

  const keep = (s: StoredScan, searchText: string) => {
    if (wanted.size > 0 && !wanted.has(s.status)) return false
    if (profile !== undefined && profile !== '' && s.scan_profile !== profile) return false
    if (search !== '' && !searchText.toLowerCase().includes(search)) return false
    for (const { field, op, at } of times) {
      const v = s[field]
      if (v === null) return false
      if (op === 'gte' ? v < at : op === 'gt' ? v <= at : op === 'lte' ? v > at : v >= at) return false
    }
    return true
  }
  // null sorts last ascending, first descending (PostgreSQL's order, Probely's database)
  const order = (a: StoredScan, b: StoredScan) => {
    for (const o of orderings) {
      const desc = o.startsWith('-')
      const field = (desc ? o.slice(1) : o) as 'created'
      const x = a[field]; const y = b[field]
      if (x === y) continue
      const cmp = x === null ? 1 : y === null ? -1 : x < y ? -1 : 1
      return desc ? -cmp : cmp
    }
    return 0
  }
  return { filter: { keep, order } }
}
