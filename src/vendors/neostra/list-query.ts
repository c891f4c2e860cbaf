import { Type, type Static } from '@sinclair/typebox'

/**
 * Neostra's list parameters, as its REST patterns guide names them: `skip` (default 0), `limit`
 * (default 20), `sortField` (default `createdAt`) and a sort order (`sortOrder`) whose values the guide
 * leaves unpublished: `asc`/`desc` in any case, and MongoDB's `1`/`-1` (the skip/limit pair is MongoDB's
 * idiom). The default order is ascending: the order the list always had (oldest first).
 */
export const DEFAULT_LIMIT = 20
export const MAX_LIMIT = 1000
export const SORT_FIELDS = ['createdAt', 'updatedAt', 'name', 'id'] as const
export type SortField = typeof SORT_FIELDS[number]
export type SortOrder = 'asc' | 'desc'

export const ListQuery = Type.Object({
  skip: Type.Optional(Type.String({ description: 'Scans to leave out before the first answered (default 0).' })),
  limit: Type.Optional(Type.String({ description: `How many scans to answer, 1 to ${MAX_LIMIT} (default ${DEFAULT_LIMIT}).` })),
  sortField: Type.Optional(Type.String({ description: `Field to sort by: ${SORT_FIELDS.join(', ')} (default createdAt).` })),
  sortOrder: Type.Optional(Type.String({ description: 'asc or desc (also 1 or -1; default asc).' }))
}, { additionalProperties: true })
export type ListQuery = Static<typeof ListQuery>

export interface ListRequest { skip: number, limit: number, sortField: SortField, sortOrder: SortOrder }

const ORDERS: Record<string, SortOrder> = { asc: 'asc', desc: 'desc', 1: 'asc', '-1': 'desc' }

/**
 * The list asked for, or its problems (one Neostra error string each). Checked here rather than by the
 * schema: query values arrive as text (no type coercion in this app's validator), and each problem
 * must read as the scan routes' other 400s do (`field: what it must be`).
 */
export function readListQuery (query: Record<string, unknown>): ListRequest | { problems: string[] } {
  const problems: string[] = []
  const whole = (name: string, fallback: number, min: number, max: number, wording: string) => {
    const text = query[name]
    if (text === undefined) return fallback
    const n = typeof text === 'string' && /^\d{1,15}$/.test(text) ? Number(text) : NaN
    if (Number.isInteger(n) && n >= min && n <= max) return n
    problems.push(`${name}: ${wording}`)
    return fallback
  }
  const skip = whole('skip', 0, 0, Number.MAX_SAFE_INTEGER, 'must be a non-negative integer')
  const limit = whole('limit', DEFAULT_LIMIT, 1, MAX_LIMIT, `must be an integer from 1 to ${MAX_LIMIT}`)
  const field = query.sortField ?? 'createdAt'
  if (!(SORT_FIELDS as readonly unknown[]).includes(field)) problems.push(`sortField: must be one of ${SORT_FIELDS.join(', ')}`)
  const orderText = query.sortOrder ?? 'asc'
  const order = typeof orderText === 'string' ? ORDERS[orderText.toLowerCase()] : undefined
  if (order === undefined) problems.push('sortOrder: must be one of asc, desc')
  return problems.length > 0 ? { problems } : { skip, limit, sortField: field as SortField, sortOrder: order! }
}
