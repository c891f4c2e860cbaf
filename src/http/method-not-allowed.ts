import { METHODS as NODE_METHODS } from 'node:http'
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema, HTTPMethods } from 'fastify'

/** The order Django REST Framework lists a view's methods in (its http_method_names) */
const METHODS: HTTPMethods[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']
/** Every method Node parses (WebDAV's, TRACE, CONNECT...): each gets a 405 where a path does not serve it */
const ALL_METHODS = [...METHODS, ...NODE_METHODS.filter(m => !(METHODS as string[]).includes(m))] as HTTPMethods[]
const GENERATED = 'scanstubGenerated'
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
    const missing = ALL_METHODS.filter(m => !methods.has(m))
    if (missing.length === 0) continue
    app.route({
      method: missing,
      url,
      config: { [GENERATED]: true },
      schema: hidden,
      handler: (req, reply) => notAllowed(req, reply, allowed)
    })
  }
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
