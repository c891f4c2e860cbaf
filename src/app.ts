import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type Ajv from 'ajv'
import auth from './auth/jwt'
import type { Config } from './config'
import { FORMATS, registerTypeboxFormats } from './formats'
import { demoFixturePath } from './paths'
import { openDatabase } from './store/db'
import { readFixtureFile } from './store/fixtures'
import { createStore, type Store } from './store/store'
import neostra from './vendors/neostra/index'
import probely, { probelyErrorHandler, sendProbelyNotFound } from './vendors/probely/index'
import healthRoutes from './health.routes'
import admin from './admin/index'
import traffic from './http/traffic'
import openapi from './openapi'

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
    store: Store
  }
}

export const BODY_LIMIT = 1024 * 1024

/** Our keywords and formats for Fastify's ajv (Neostra validates with it). */
function ajvPlugin (ajv: Ajv): Ajv {
  for (const [name, validate] of Object.entries(FORMATS)) ajv.addFormat(name, { type: 'string', validate })
  ajv.addKeyword({
    keyword: 'x-max-serialized-bytes',
    type: 'object',
    schemaType: 'number',
    validate: (limit: number, data: unknown) => Buffer.byteLength(JSON.stringify(data)) <= limit
  })
  return ajv
}

export interface BuildOptions {
  /** pino options, or false for none (tests) */
  logger?: FastifyServerOptions['logger']
}

/**
 * Builds the whole service on one SQLite database without listening: the store, auth, both vendors and
 * health. Everything lives on the instance, so two apps in one process share nothing.
 */
export async function buildApp (config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  registerTypeboxFormats()
  const seed = readFixtureFile(config.seedFile ?? demoFixturePath)
  const db = openDatabase(config.database)

  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    bodyLimit: BODY_LIMIT,
    routerOptions: { ignoreTrailingSlash: true },
    ajv: {
      customOptions: { allErrors: true, coerceTypes: false, removeAdditional: false },
      plugins: [ajvPlugin as never]
    }
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.decorate('config', config)
  app.decorate('store', createStore(db, seed))
  app.addHook('onClose', async () => { app.store.flush(); db.close() })

  // an empty database gets the demo data (or SEED_FILE) at once, so the README's curl lines work
  app.store.ensureTenant('default')

  await app.register(auth, { secret: config.jwtSecret, publicKey: config.jwtPublicKey })
  await app.register(openapi)
  await app.register(traffic, { journalLimit: config.journalLimit })
  await app.register(healthRoutes)
  if (config.adminApi) await app.register(admin, { prefix: '/__admin', adminToken: config.adminToken })
  await app.register(neostra, { prefix: '/api', strict: config.strict, bodyLimit: BODY_LIMIT })
  await app.register(probely, { strict: config.strict, bodyLimit: BODY_LIMIT })

  // Probely's API has no path prefix, so a path nobody serves gets Probely's 404
  app.setNotFoundHandler((_request, reply) => sendProbelyNotFound(reply))
  app.setErrorHandler(probelyErrorHandler(BODY_LIMIT))
  return app
}
