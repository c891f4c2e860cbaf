import type { FastifyInstance } from 'fastify'
import { join } from 'node:path'
import { errorHandler } from '../../http/error-handler'
import { acceptJsonOnly } from '../../http/json-body'
import { answerOtherMethods, trackRoutes } from '../../http/method-not-allowed'
import { migrationsDir } from '../../paths'
import { defineVendor, type VendorPluginOptions } from '../vendor-module'
import { AUTH_MESSAGES, neostraFaultBody, sendBadRequest, sendError, sendNotFound } from './errors'
import { exportNeostraFixture, loadNeostraFixture, NeostraFixture, normalizeNeostraFixture } from './fixture'
import { isCronExpression } from './schedule-format'
import integrationsRoutes from './integrations.routes'
import { createNeostraRepo, type NeostraRepo } from './scans.repo'
import scansRoutes from './scans.routes'
import { describeValidationError } from './validation'

declare module '../../store/store' {
  interface VendorRepos { neostra: NeostraRepo }
}
type Repos = { neostra: NeostraRepo }

/** Neostra's answer for any error, wherever it was thrown: its envelope for 400, `{error, message, code}` else. */
const neostraErrorHandler = (bodyLimit: number) => errorHandler({
  validation: (error, _request, reply) => sendBadRequest(reply, [...new Set(error.validation!.map(describeValidationError))]),
  invalidJson: (error, reply) => sendBadRequest(reply, [error.message]),
  unsupportedMediaType: (_request, reply) => sendError(reply, 415, 'Content-Type must be application/json'),
  tooLarge: reply => sendError(reply, 413, `Request body is larger than ${bodyLimit} bytes`),
  clientError: (status, message, reply) => sendError(reply, status, message),
  serverError: reply => sendError(reply, 500, 'An unexpected error occurred')
}, 'neostra handler')

/**
 * Neostra under `/api`: Bearer JWTs, JSON bodies only, and every error in Neostra's shapes. Its error,
 * not-found and 405 handling live here and nowhere else.
 */
async function neostra (app: FastifyInstance, options: VendorPluginOptions) {
  acceptJsonOnly(app, () => 'body: must be valid JSON', () => 'body: must be valid JSON (nested more than 1000 levels deep)')

  // a plain callback, not an async hook: no promise per request (an answer sent here ends the chain)
  app.addHook('onRequest', (request, reply, done) => {
    if (request.is404) return done()
    const result = app.authenticate(request, ['Bearer'])
    if (!result.ok) {
      reply.header('www-authenticate', 'Bearer')
      sendError(reply, 401, AUTH_MESSAGES[result.failure])
      return
    }
    request.principal = result.principal
    app.tenants.ensure(result.principal.tenant)
    done()
  })

  // an empty body is a valid no-op
  app.addHook('preValidation', (request, _reply, done) => {
    if (request.body === undefined && (request.method === 'PATCH' || request.method === 'POST')) request.body = {}
    done()
  })

  app.setErrorHandler(neostraErrorHandler(options.bodyLimit))

  app.setNotFoundHandler((_request, reply) => sendNotFound(reply))

  const served = trackRoutes(app)
  await app.register(scansRoutes, { strict: options.strict })
  await app.register(integrationsRoutes)
  answerOtherMethods(app, served, (request, reply, allowed) => {
    reply.header('allow', allowed.join(', '))
    return sendError(reply, 405, `Method ${request.method} is not allowed on this resource`)
  })
}

export default defineVendor<Repos, NeostraFixture>({
  name: 'neostra',
  prefixes: ['/api'],
  ownsPath: path => path.startsWith('/api/'),
  plugin: neostra,
  migrations: join(migrationsDir, 'neostra'),
  createRepos: db => ({ neostra: createNeostraRepo(db) }),
  fixture: {
    schema: NeostraFixture,
    normalize: normalizeNeostraFixture,
    load: (repos, tenant, part) => loadNeostraFixture(repos.neostra, tenant, part),
    export: (repos, tenant) => exportNeostraFixture(repos.neostra, tenant),
    clear: (repos, tenant) => repos.neostra.clear(tenant),
    counts: part => ({ integrations: part.integrations.length, scans: part.scans.length })
  },
  errors: { sendNotFound, faultBody: neostraFaultBody, contentType: 'application/json; charset=utf-8', handler: neostraErrorHandler },
  formats: { cron: isCronExpression },
  openapi: {
    tag: { name: 'neostra', description: 'Neostra: JSON bodies, Bearer JWTs, the {status, message, data, errors} envelope' },
    securitySchemes: { neostraBearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Authorization: Bearer <jwt>' } }
  }
})
