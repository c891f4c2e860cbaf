import { STATUS_CODES } from 'node:http'
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import auth from './auth/jwt'
import type { Config } from './config'
import core from './core/index'
import { redactUrl } from './core/redact'
import { createAjv, lazySerializerCompiler, lazyValidatorCompiler } from './http/compilers'
import traffic from './http/traffic'
import cors from './http/cors'
import commitBarrier from './http/commit-barrier'
import { clientErrorHandler, closingAnswers, type ErrorAnswer } from './http/client-errors'
import { demoFixturePath } from './paths'
import { openDatabase } from './store/db'
import { readFixtureFile } from './store/fixtures'
import { createMaintenance } from './store/maintenance'
import { createStore, type Store } from './store/store'
import { formatsOf, VENDORS } from './vendors/index'
import type { VendorModule } from './vendors/vendor-module'
import healthRoutes from './health.routes'
import admin from './admin/index'
import { answerUnparsedMethods, type RawAnswerer } from './http/unparsed-methods'
import metricsRoutes from './admin/metrics.routes'
import openapi from './openapi'

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
    store: Store
  }
}

export const BODY_LIMIT = 1024 * 1024

/** The admin API's words for the errors answered on its behalf outside its routes. */
const ADMIN_MESSAGES: Record<number, string> = {
  408: 'the request did not arrive in time',
  431: 'the request\'s headers are too large',
  503: 'scanstub is stopping, or the database could not commit a write this answer may have read; try again'
}

/**
 * Slow or stalled clients never hold a socket for ever: a request (headers and body) must arrive within
 * REQUEST_TIMEOUT_MS, its headers within HEADERS_TIMEOUT_MS, and an idle keep-alive socket is closed
 * after KEEP_ALIVE_TIMEOUT_MS (Fastify's default requestTimeout is 0: none, so ~240 stalled bodies
 * used to exhaust a 256-descriptor limit).
 */
export const REQUEST_TIMEOUT_MS = 30_000
export const HEADERS_TIMEOUT_MS = 10_000
export const KEEP_ALIVE_TIMEOUT_MS = 5_000

export interface BuildOptions {
  /** pino options, or false for none (tests) */
  logger?: FastifyServerOptions['logger']
  /** compile every route's validator at once, each schema checked against the meta-schema (a test does) */
  checkSchemas?: boolean
  /** how often /health may write its probe (default 1 s); tests of health set 0 */
  healthProbeEveryMs?: number
  /** the vendors to serve (default: VENDORS); a test plugs in one of its own */
  vendors?: readonly VendorModule[]
}

/**
 * Builds the whole service on one SQLite database without listening: the store, the core (tenants,
 * clocks, journal, faults), auth, every vendor of `VENDORS`, admin and health. Everything lives on the
 * instance, so two apps in one process share nothing.
 */
export async function buildApp (config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const vendors = options.vendors ?? VENDORS
  const formats = formatsOf(vendors)
  /** The vendor that owns a request path (the last of the list, Probely, owns every path the others don't). */
  const vendorFor = (path: string) => vendors.find(v => v.ownsPath(path)) ?? vendors[vendors.length - 1]
  // the shipped demo fixture's shapes are checked by the test suite, not at every start
  const seed = config.seedFile
    ? readFixtureFile(vendors, config.seedFile, { formats })
    : readFixtureFile(vendors, demoFixturePath, { trusted: true, formats })
  const db = openDatabase(config.database, vendors, { cacheMb: config.sqliteCacheMb })
  /** An error body in the shape of the path's owner: the admin API's, or the vendor's (as its faults answer). */
  const errorAnswer: ErrorAnswer = (status, method, path) => path.startsWith('/__admin')
    ? { body: { error: STATUS_CODES[status] ?? 'Error', message: ADMIN_MESSAGES[status] ?? STATUS_CODES[status] ?? 'Error' }, contentType: 'application/json; charset=utf-8' }
    : { body: vendorFor(path).errors.faultBody(status, method), contentType: vendorFor(path).errors.contentType }
  /** the app, for the clientError listener Fastify is made with (it journals what it refuses) */
  const built: { app?: FastifyInstance } = {}
  const debugging = config.logLevel === 'debug' || config.logLevel === 'trace'

  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    bodyLimit: BODY_LIMIT,
    requestTimeout: REQUEST_TIMEOUT_MS,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    http: { headersTimeout: HEADERS_TIMEOUT_MS },
    // what Node refuses before Fastify (431, 408, a malformed request) and the 503s of a stop, in the owner's shape
    clientErrorHandler: clientErrorHandler(() => built.app!, errorAnswer),
    return503OnClosing: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 },
    // a path Fastify cannot route (bad %-encoding, an id over maxParamLength) names nothing that exists:
    // a 404 in the vendor's shape, never Fastify's own 400/414 body
    frameworkErrors: (_error, request, reply) => vendorFor(request.url).errors.sendNotFound(reply),
    // no per-request log lines on the hot path (LOG_LEVEL=debug adds them back, see below)
    logController: new LogController({ disableRequestLogging: true }),
    // request.log is the server's logger itself (no child logger with a reqId made per request) unless debugging
    ...(debugging ? {} : { childLoggerFactory: logger => logger })
  }).withTypeProvider<TypeBoxTypeProvider>()
  built.app = app
  app.setValidatorCompiler(lazyValidatorCompiler(createAjv({ checkSchemas: options.checkSchemas, formats }), { eager: options.checkSchemas }))
  app.setSerializerCompiler(lazySerializerCompiler)

  // a path no plugin serves is answered by the vendor that owns it
  app.setNotFoundHandler((request, reply) => vendorFor(request.url).errors.sendNotFound(reply))
  const errorHandlers = new Map(vendors.map(v => [v, v.errors.handler(BODY_LIMIT)]))
  app.setErrorHandler((error: FastifyError, request, reply) => errorHandlers.get(vendorFor(request.url))!(error, request, reply))
  if (debugging) {
    app.addHook('onResponse', async (request, reply) => {
      request.log.debug({ method: request.method, url: redactUrl(request.url), status: reply.statusCode, ms: reply.elapsedTime }, 'request completed')
    })
  }

  const store = createStore(db, vendors, { keptRecords: config.keptRecords }, config.keptPagesMb)
  app.decorate('config', config)
  app.decorate('store', store)
  const maintenance = createMaintenance(db)
  app.addHook('onClose', async () => { store.flush(); maintenance.stop(); db.close() })
  await app.register(core, { db, store, owners: vendors, seed, tenantLimit: config.tenantLimit, afterBigWrite: maintenance.afterBigWrite, journal: { entries: config.journalLimit, bytes: config.journalBytes }, faults: { rulesPerTenant: config.faultRulesLimit, ruleBytes: config.faultRuleBytes }, formats })

  // an empty database gets the demo data (or SEED_FILE) at once, so the README's curl lines work
  app.tenants.ensure('default')

  await app.register(auth, { secret: config.jwtSecret, publicKey: config.jwtPublicKey })
  await app.register(openapi, { vendors })
  await app.register(cors, { origins: config.corsOrigins })
  await app.register(closingAnswers, { answer: errorAnswer })
  // before the traffic hooks, so the journal keeps the answer that went out
  await app.register(commitBarrier, { marks: store, unavailable: request => errorAnswer(503, request.method, request.url.split('?')[0]) })
  await app.register(traffic, { vendorFor: path => vendorFor(path).errors, vendorName: path => vendorFor(path).name })
  await app.register(healthRoutes, { probeEveryMs: options.healthProbeEveryMs })
  if (config.adminApi) {
    await app.register(admin, { prefix: '/__admin', adminToken: config.adminToken, vendors, fixtureBodyLimit: config.fixtureBodyLimit, healthProbeEveryMs: options.healthProbeEveryMs })
    await app.register(metricsRoutes, { adminToken: config.adminToken })
  }
  // a method Node's parser refuses (FOO) or CONNECT never reaches Fastify: the owning vendor may answer it raw
  const rawAnswers = new Map<VendorModule, { answer?: RawAnswerer }>(vendors.map(v => [v, {}]))
  for (const vendor of vendors) {
    for (const prefix of vendor.prefixes) {
      await app.register(vendor.plugin, { prefix, strict: config.strict, bodyLimit: BODY_LIMIT, rawAnswers: rawAnswers.get(vendor) })
    }
  }
  answerUnparsedMethods(app.server, (method, url, headers) => rawAnswers.get(vendorFor(url))?.answer?.(method, url, headers))

  return app
}
