/** A vendor route as Fastify knows it: `PATCH /api/v1/scans/:scanId`. */
export interface RouteShape { method: string, url: string }

export interface NearMiss { closest: string, why: string }

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
 * that reached its route and was refused, the vendor's own reason.
 */
export function nearMiss (routes: readonly RouteShape[], method: string, path: string, refused?: string): NearMiss | undefined {
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
  if (best.first === undefined && best.route.method === method) return { closest, why: refused ?? 'the route matched' }
  if (best.first === undefined) {
    const methods = [...new Set(routes.filter(r => distance(sent, segments(r.url)).cost === 0).map(r => r.method))]
    return { closest, why: `method ${method} is not served here; the path takes ${methods.join(', ')}` }
  }
  return { closest, why: best.route.method === method ? best.first : `${best.first}, and the route takes ${best.route.method}` }
}
