import { METHODS as NODE_METHODS } from 'node:http'
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema, HTTPMethods } from 'fastify'

/** The order Django REST Framework lists a view's methods in (its http_method_names) */
const METHODS: HTTPMethods[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']
/** Every method Node parses (WebDAV's, TRACE, CONNECT...): each gets a 405 where a path does not serve it */
const ALL_METHODS = [...METHODS, ...NODE_METHODS.filter(m => !(METHODS as string[]).includes(m))] as HTTPMethods[]
const GENERATED = 'scanstubGenerated'
/** Config key of the catch-all routes of the other methods: the lookup of what their path serves. */
const OTHER_METHODS = 'scanstubOtherMethods'
/** Generated routes stay out of the OpenAPI document. */
const hidden = { hide: true } as FastifySchema

export type MethodNotAllowedHandler = (request: FastifyRequest, reply: FastifyReply, allowed: string[]) => unknown

/**
 * Remembers the methods each path of a vendor plugin serves, so that `answerOtherMethods` can give every
 * other method a 405 with an `Allow` header (Fastify alone would answer 404). Call before registering routes.
 */
export function trackRoutes (app: FastifyInstance): Map<string, Set<string>> {
  const served = new Map<string, Set<string>>()
  app.addHook('onRoute', route => {
    if ((route.config as Record<string, unknown> | undefined)?.[GENERATED]) return
    const url = route.url.slice(app.prefix.length) || '/'
    const methods = served.get(url) ?? new Set<string>()
    for (const m of [route.method].flat()) methods.add(m)
    if (methods.has('GET')) methods.add('HEAD')
    served.set(url, methods)
  })
  return served
}

/**
 * For each tracked path: the methods it does not serve answer through `notAllowed`; OPTIONS, when the path
 * does not serve it and `options` is given, answers through `options`. Allowed methods are listed in
 * Django REST Framework's order (GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS).
 */
export function answerOtherMethods (app: FastifyInstance, served: Map<string, Set<string>>,
  notAllowed: MethodNotAllowedHandler, options?: MethodNotAllowedHandler): void {
  // Fastify routes only a few methods until told of the others (the set is the server's, shared)
  for (const m of ALL_METHODS) {
    if (!app.supportedMethods.includes(m)) app.addHttpMethod(m, { hasBody: m !== 'TRACE' && m !== 'CONNECT' })
  }
  for (const [url, methods] of served) {
    if (options && !methods.has('OPTIONS')) {
      const withOptions = new Set([...methods, 'OPTIONS'])
      const allowed = METHODS.filter(m => withOptions.has(m))
      app.route({ method: 'OPTIONS', url, config: { [GENERATED]: true }, schema: hidden, handler: (req, reply) => options(req, reply, allowed) })
      methods.add('OPTIONS')
    }
    const allowed = METHODS.filter(m => methods.has(m))
    const missing = METHODS.filter(m => !methods.has(m))
    if (missing.length === 0) continue
    app.route({
      method: missing,
      url,
      config: { [GENERATED]: true },
      schema: hidden,
      handler: (req, reply) => notAllowed(req, reply, allowed)
    })
  }
  // The methods DRF does not list (WebDAV's, TRACE, ...): one catch-all route per first path segment
  // served, not one route per path and method. A route per path for each of the 28 was a third of a
  // start's CPU (about 100 of 290 ms, build and ready measured in-process). The catch-all answers the
  // path's 405 (with Allow) where the path is served, and the 404 where it is not, before any auth
  // (isUnrouted), as the router's own 404 did.
  const lookup = methodsOfPath(served)
  const others = ALL_METHODS.filter(m => !(METHODS as string[]).includes(m))
  const firstSegments = new Set([...served.keys()].map(url => url.split('/')[1] ?? '').filter(s => s !== '' && !s.startsWith(':')))
  const catchAll: CatchAll = { lookup, prefix: app.prefix }
  const handler = (request: FastifyRequest, reply: FastifyReply) => {
    const allowed = lookup(pathIn(catchAll, request))
    if (allowed === undefined) return reply.callNotFound()
    reply.header('allow', allowed.join(', '))
    return notAllowed(request, reply, allowed)
  }
  // under a prefix of its own the plugin owns every path: one catch-all; at the root (Probely), one per
  // first segment it serves, so /__admin and /health keep their own 404s
  const urls = app.prefix !== '' ? ['/*'] : [...firstSegments].flatMap(segment => [`/${segment}`, `/${segment}/*`])
  for (const url of urls) {
    app.route({ method: others, url, config: { [GENERATED]: true, [OTHER_METHODS]: catchAll } as object, schema: hidden, handler })
  }
}

interface CatchAll { lookup: (path: string) => string[] | undefined, prefix: string }
const pathIn = (catchAll: CatchAll, request: FastifyRequest) => request.url.split('?')[0].slice(catchAll.prefix.length) || '/'

/**
 * True for a request no route of its path serves: the router's 404, or a catch-all route of the other
 * methods on a path that is not served. Hooks that must not run before a 404 (auth) ask this, not `is404`.
 */
export function isUnrouted (request: FastifyRequest): boolean {
  if (request.is404) return true
  const catchAll = (request.routeOptions.config as unknown as Record<string, unknown> | undefined)?.[OTHER_METHODS] as CatchAll | undefined
  return catchAll !== undefined && catchAll.lookup(pathIn(catchAll, request)) === undefined
}

/**
 * The methods a concrete path is served with, from the tracked routes (`:param` is one segment; the
 * final slash optional, as the router has it): for the answers given outside Fastify's router (below).
 */
export function methodsOfPath (served: Map<string, Set<string>>): (path: string) => string[] | undefined {
  const table = [...served].map(([url, methods]) => ({
    pattern: new RegExp(`^${url.replace(/\/$/, '').split('/').map(s => s.startsWith(':') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('/')}/?$`),
    methods: METHODS.filter(m => methods.has(m))
  }))
  return path => table.find(t => t.pattern.test(path))?.methods
}
