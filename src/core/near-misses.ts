import { SEED_TENANT } from './tenant-name'

/** A vendor route as Fastify knows it: `PATCH /api/v1/scans/:scanId`. */
export interface RouteShape { method: string, url: string }

export interface NearMiss { closest: string, why: string }

/** What the owner of a refused request's path knows beyond the routes (its VendorModule's nearMisses). */
export interface MissContext {
  status: number
  /** the tenant the request was filed under */
  tenant: string
  /** the Authorization header's scheme as sent (undefined: none, or no scheme) */
  scheme?: string
  /** the schemes the path's owner takes */
  schemes?: readonly string[]
  /** the tenants whose data holds a record with this id, for a parameter of a route (undefined: no record kind) */
  tenantsHolding?: (route: string, param: string, id: string) => string[] | undefined
}

/** Why a request that reached its route was refused, when the owner can tell more than its own words. */
function refusedWhy (route: RouteShape, path: string[], context: MissContext): string | undefined {
  const takes = context.schemes
  if (context.status === 401 && takes && context.scheme !== undefined && !takes.some(s => s.toLowerCase() === context.scheme!.toLowerCase())) {
    return `wrong auth scheme: "Authorization: ${context.scheme} …"; ${route.method} ${route.url} takes ${takes.map(s => `"${s} <token>"`).join(' or ')}`
  }
  if (context.status === 404 && context.tenantsHolding) {
    const pattern = segments(route.url)
    // the path fits the route (it reached it): one segment for each of the pattern's
    for (const [i, segment] of pattern.entries()) {
      if (!segment.startsWith(':')) continue
      // the stored copy of the seed is no tenant a token can name
      const holders = context.tenantsHolding(route.url, segment.slice(1), path[i])?.filter(h => h !== SEED_TENANT)
      if (holders === undefined || holders.length === 0 || holders.includes(context.tenant)) continue
      const shown = holders.slice(0, 3).map(h => `"${h}"`).join(', ') + (holders.length > 3 ? ` and ${holders.length - 3} more` : '')
      return `id "${path[i]}" (${segment}) exists in another tenant (${shown}), not in "${context.tenant}"`
    }
  }
  return undefined
}

const segments = (path: string) => path.split('/').filter(s => s !== '')

/** How far a path is from a route's pattern: 0 = it fits; a differing segment 1; a missing or extra one 2. */
function distance (path: string[], pattern: string[]): { cost: number, first?: string } {
  let cost = 0
  let first: string | undefined
  for (let i = 0; i < Math.max(path.length, pattern.length); i++) {
    const p = path[i]; const q = pattern[i]
    if (q !== undefined && p !== undefined && (q.startsWith(':') || q === p)) continue
    if (q === undefined || p === undefined) {
      cost += 2
      first ??= q === undefined ? `segment ${i + 1} "${p}" is one too many` : `segment ${i + 1} ("${q}") is missing`
    } else {
      cost += 1
      first ??= `segment ${i + 1} is "${p}" where the route has "${q}"`
    }
  }
  return { cost, first }
}

/**
 * The route a request came closest to, and the difference in words, WireMock's near-miss report for
 * scanstub: a path that fits but with another method, a misspelt segment, a missing one; for a request
 * that reached its route and was refused, the vendor's own reason, or what `context` tells more: a
 * wrong auth scheme, an id that exists in another tenant's data.
 */
export function nearMiss (routes: readonly RouteShape[], method: string, path: string, refused?: string, context?: MissContext): NearMiss | undefined {
  const sent = segments(path)
  let best: { route: RouteShape, cost: number, first?: string } | undefined
  for (const route of routes) {
    if (route.url.includes('*')) continue
    const d = distance(sent, segments(route.url))
    const cost = d.cost * 2 + (route.method === method ? 0 : 1)
    if (best === undefined || cost < best.cost) best = { route, cost, first: d.first }
  }
  if (!best) return undefined
  const closest = `${best.route.method} ${best.route.url}`
  if (best.first === undefined && best.route.method === method) {
    return { closest, why: (context && refusedWhy(best.route, sent, context)) ?? refused ?? 'the route matched' }
  }
  if (best.first === undefined) {
    const methods = [...new Set(routes.filter(r => distance(sent, segments(r.url)).cost === 0).map(r => r.method))]
    return { closest, why: `method ${method} is not served here; the path takes ${methods.join(', ')}` }
  }
  return { closest, why: best.route.method === method ? best.first : `${best.first}, and the route takes ${best.route.method}` }
}
