import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS'
const ALLOWED_HEADERS = 'Authorization, Content-Type'

/**
 * CORS for browser-based clients, off unless CORS_ORIGINS names origins (or `*`). A preflight is
 * answered here, in onRequest, before any route's auth: browsers send it without the Authorization header.
 */
async function cors (app: FastifyInstance, options: { origins: string[] }) {
  if (options.origins.length === 0) return
  const any = options.origins.includes('*')
  const allowed = new Set(options.origins)
  app.addHook('onRequest', (request, reply, done) => {
    const origin = request.headers.origin
    if (origin === undefined || (!any && !allowed.has(origin))) return done()
    reply.header('access-control-allow-origin', any ? '*' : origin)
    if (!any) reply.header('vary', 'Origin')
    reply.header('access-control-expose-headers', 'Retry-After, X-Scanstub-Fault, Allow')
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined) {
      reply.code(204).headers({
        'access-control-allow-methods': ALLOWED_METHODS,
        'access-control-allow-headers': request.headers['access-control-request-headers'] ?? ALLOWED_HEADERS,
        'access-control-max-age': '600'
      }).send()
      return
    }
    done()
  })
}

export default fp(cors, { name: 'scanstub-cors' })
