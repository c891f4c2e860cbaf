import type { SwaggerOptions } from '@fastify/swagger'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type RouteOptions } from 'fastify'
import fp from 'fastify-plugin'

declare module 'fastify' {
  interface FastifyInstance {
    /** The OpenAPI document of this app's routes, made on first call. */
    openapiDocument: () => Promise<object>
  }
}

/** @fastify/swagger, required on first use: start-up does not load it */
const swaggerPlugin = () => (require('@fastify/swagger') as typeof import('@fastify/swagger')).default

/** What the document needs of each vendor: its tag and its security schemes. */
export interface DocumentedVendor { openapi: { tag: { name: string, description: string }, securitySchemes: Record<string, object> } }

const documentOptions = (vendors: readonly DocumentedVendor[]): SwaggerOptions => ({
  openapi: {
    openapi: '3.1.0',
    info: {
      title: 'scanstub',
      version: '0.1.0',
      description: `A stateful emulator of the ${vendors.map(v => v.openapi.tag.name).join(', ')} APIs. Each vendor's tag holds its ` +
        'routes, in its shapes; `admin` is scanstub\'s own test-control API (WireMock\'s /__admin convention).'
    },
    tags: [
      ...vendors.map(v => v.openapi.tag),
      { name: 'admin', description: 'scanstub test controls: reset, fixtures, journal, faults, tokens, clocks' },
      { name: 'health', description: 'liveness and readiness' }
    ],
    components: {
      securitySchemes: {
        ...Object.assign({}, ...vendors.map(v => v.openapi.securitySchemes)),
        adminToken: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <ADMIN_TOKEN>, when ADMIN_TOKEN is set' }
      }
    }
  },
  // a PATCH body may be empty (a no-op), so it is not required
  transformObject: documentObject => {
    const document = (documentObject as { openapiObject: { paths?: Record<string, unknown> } }).openapiObject
    for (const item of Object.values(document.paths ?? {})) {
      const body = (item as { patch?: { requestBody?: { required?: boolean } } })?.patch?.requestBody
      if (body) body.required = false
    }
    return document as never
  }
})

/**
 * Makes the document as @fastify/swagger does, in a second Fastify instance holding the same routes
 * with their schemas (no handlers, nothing compiled). Done on first request, not at start: the
 * document and its libraries cost start-up time that most runs never use.
 */
async function makeDocument (routes: RouteOptions[], vendors: readonly DocumentedVendor[]): Promise<object> {
  const swagger = swaggerPlugin()
  const sub = Fastify({ logger: false })
  sub.setValidatorCompiler(() => () => true)
  sub.setSerializerCompiler(() => data => JSON.stringify(data))
  await sub.register(swagger, documentOptions(vendors))
  for (const { method, url, schema, config, constraints } of routes) {
    sub.route({ method, url, schema, config, constraints, exposeHeadRoute: false, handler: async () => null })
  }
  await sub.ready()
  const document = sub.swagger()
  await sub.close()
  return document
}

/**
 * The OpenAPI 3.1 document, generated from the TypeBox schemas on the routes (the same ones that
 * validate requests and serialise answers): served at /openapi.json and rendered at /docs.
 * Must be registered before the routes it describes.
 */
async function openapi (app: FastifyInstance, options: { vendors: readonly DocumentedVendor[] }) {
  const routes: RouteOptions[] = []
  app.addHook('onRoute', route => { if (route.method !== 'HEAD') routes.push(route) })
  let document: Promise<object> | undefined
  app.decorate('openapiDocument', () => (document ??= makeDocument(routes, options.vendors).catch(err => { document = undefined; throw err })))

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.openapiDocument())

  // Swagger UI (and the static file serving under it) costs start-up time and memory that most runs
  // never use: it lives in a second Fastify instance, built on the first visit to /docs.
  let docs: Promise<FastifyInstance> | undefined
  const buildDocs = async () => {
    const swagger = swaggerPlugin()
    const swaggerUi = (require('@fastify/swagger-ui') as typeof import('@fastify/swagger-ui')).default
    const sub = Fastify({ logger: false })
    await sub.register(swagger, { mode: 'static', specification: { document: await app.openapiDocument() as never } })
    await sub.register(swaggerUi, { routePrefix: '/docs' })
    await sub.ready()
    return sub
  }
  app.addHook('onClose', async () => { if (docs) await (await docs).close() })
  const forward = async (request: FastifyRequest, reply: FastifyReply) => {
    docs ??= buildDocs()
    const res = await (await docs).inject({ method: 'GET', url: request.url, headers: { accept: request.headers.accept ?? '*/*' } })
    for (const name of ['content-type', 'location', 'cache-control', 'etag', 'last-modified']) {
      if (res.headers[name] !== undefined) reply.header(name, res.headers[name])
    }
    return reply.code(res.statusCode).send(res.rawPayload)
  }
  app.get('/docs', { schema: { hide: true } }, forward)
  app.get('/docs/*', { schema: { hide: true } }, forward)
}

export default fp(openapi, { name: 'scanstub-openapi' })
