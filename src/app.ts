import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import auth from './auth/jwt'
import type { Config } from './config'
import { createAjv, lazySerializerCompiler, lazyValidatorCompiler } from './http/compilers'
import { demoFixturePath } from './paths'
import { openDatabase } from './store/db'
import { readFixtureFile } from './store/fixtures'
import { createStore, type Store } from './store/store'
import neostra from './vendors/neostra/index'
import { isNeostraPath, sendNotFound as sendNeostraNotFound } from './vendors/neostra/errors'
import { createNeostraWorkflow, type NeostraWorkflow } from './vendors/neostra/workflow' // issue 18
import probely, { probelyErrorHandler, sendProbelyNotFound } from './vendors/probely/index'
import healthRoutes from './health.routes'
import admin from './admin/index'
import traffic from './http/traffic'
import openapi from './openapi'
import { Clocks } from './core/clock'

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
    store: Store
    /** every tenant's clock and the events due on it */
    clocks: Clocks
    /** issue 18: Neostra's launches, task progress and cron ticks on the tenant clocks */
    neostraWorkflow: NeostraWorkflow
  }
}

export const BODY_LIMIT = 1024 * 1024

export interface BuildOptions {
  /** pino options, or false for none (tests) */
  logger?: FastifyServerOptions['logger']
  /** compile every route's validator at once, each schema checked against the meta-schema (a test does) */
  checkSchemas?: boolean
}

/**
 * Builds the whole service on one SQLite database without listening: the store, auth, both vendors and
 * health. Everything lives on the instance, so two apps in one process share nothing.
 */
export async function buildApp (config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  // the shipped demo fixture's shapes are checked by the test suite, not at every start
  const seed = config.seedFile ? readFixtureFile(config.seedFile) : readFixtureFile(demoFixturePath, { trusted: true })
  const db = openDatabase(config.database)
  const debugging = config.logLevel === 'debug' || config.logLevel === 'trace'

  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    bodyLimit: BODY_LIMIT,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 },
    // a path Fastify cannot route (bad %-encoding, an id over maxParamLength) names nothing that exists:
    // a 404 in the vendor's shape, never Fastify's own 400/414 body
    frameworkErrors: (_error, request, reply) => isNeostraPath(request.url) ? sendNeostraNotFound(reply) : sendProbelyNotFound(reply),
    // no per-request log lines on the hot path (LOG_LEVEL=debug adds them back, see below)
    logController: new LogController({ disableRequestLogging: true }),
    // request.log is the server's logger itself (no child logger with a reqId made per request) unless debugging
    ...(debugging ? {} : { childLoggerFactory: logger => logger })
  }).withTypeProvider<TypeBoxTypeProvider>()
  app.setValidatorCompiler(lazyValidatorCompiler(createAjv({ checkSchemas: options.checkSchemas }), { eager: options.checkSchemas }))
  app.setSerializerCompiler(lazySerializerCompiler)

  // Probely's API has no path prefix, so a path nobody serves gets Probely's 404
  app.setNotFoundHandler((_request, reply) => sendProbelyNotFound(reply))
  app.setErrorHandler(probelyErrorHandler(BODY_LIMIT))
  if (debugging) {
    app.addHook('onResponse', async (request, reply) => {
      request.log.debug({ method: request.method, url: request.url, status: reply.statusCode, ms: reply.elapsedTime }, 'request completed')
    })
  }

  app.decorate('config', config)
  app.decorate('store', createStore(db, seed))
  app.decorate('clocks', new Clocks(db, {
    transact: fn => app.store.write(fn),
    onError: (err, event) => app.log.error({ err, ...event }, 'a clock event failed')
  }))
  app.addHook('onClose', async () => { app.clocks.close(); app.store.flush(); db.close() })
  // issue 18: Neostra's events armed again from its tables at start, and after each load of a tenant
  const neostraWorkflow = createNeostraWorkflow({ scans: app.store.neostra, tasks: app.store.neostraTasks, clocks: app.clocks })
  app.decorate('neostraWorkflow', neostraWorkflow)
  app.store.onTenantLoaded(tenant => neostraWorkflow.reload(tenant))
  neostraWorkflow.restore()

  // an empty database gets the demo data (or SEED_FILE) at once, so the README's curl lines work
  app.store.ensureTenant('default')

  await app.register(auth, { secret: config.jwtSecret, publicKey: config.jwtPublicKey })
  await app.register(openapi)
  await app.register(traffic, { journalLimit: config.journalLimit })
  await app.register(healthRoutes)
  if (config.adminApi) await app.register(admin, { prefix: '/__admin', adminToken: config.adminToken })
  // issue 18: the reference pages' prefix and the guides' one, the same plugin twice
  await app.register(neostra, { prefix: '/api/v1', strict: config.strict, bodyLimit: BODY_LIMIT })
  await app.register(neostra, { prefix: '/v1', strict: config.strict, bodyLimit: BODY_LIMIT, duplicate: true })
  // any other path under /api is still Neostra's to answer (its 404)
  await app.register(async api => { api.setNotFoundHandler((_request, reply) => sendNeostraNotFound(reply)) }, { prefix: '/api' })
  await app.register(probely, { strict: config.strict, bodyLimit: BODY_LIMIT })

  return app
}
