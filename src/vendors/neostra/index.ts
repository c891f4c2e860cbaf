import type { FastifyInstance } from 'fastify'
import { join } from 'node:path'
import { errorHandler } from '../../http/error-handler'
import { acceptJsonOnly } from '../../http/json-body'
import { answerOtherMethods, isUnrouted, trackRoutes } from '../../http/method-not-allowed'
import { migrationsDir } from '../../paths'
import { defineVendor, type VendorPluginOptions } from '../vendor-module'
import { neostraTenantsHolding } from './near-misses'

/** Neostra takes `Authorization: Bearer <token>` only */
const SCHEMES = ['Bearer'] as const
import { AUTH_MESSAGES, neostraFaultBody, sendBadRequest, sendError, sendNotFound } from './errors'
import { countNeostra, exportNeostraFixture, loadNeostraFixture, NeostraFixture, normalizeNeostraFixture } from './fixture'
import { isNeostraCron } from './cron'
import authRoutes from './auth.routes'
import integrationsRoutes from './integrations.routes'
import { createNeostraRepo, type NeostraRepo } from './scans.repo'
import scansRoutes from './scans.routes'
import { createTasksRepo, type TasksRepo } from './tasks.repo'
import tasksRoutes from './tasks.routes'
import { createUsersRepo, type UsersRepo } from './users.repo'
import { describeValidationError } from './validation'
import { NEOSTRA_COMPONENTS } from './openapi-components'
import neostraAdmin from './admin.routes'
import { workflowOf, type NeostraWorkflow } from './workflow'

declare module '../../store/store' {
  interface VendorRepos { neostra: NeostraRepo, neostraUsers: UsersRepo, neostraTasks: TasksRepo }
}
/** Neostra's repositories, merged into `app.store` */
export type NeostraRepos = { neostra: NeostraRepo, neostraUsers: UsersRepo, neostraTasks: TasksRepo }
type Repos = NeostraRepos

declare module 'fastify' {
  interface FastifyInstance {
    /** Neostra's launches, task progress and cron ticks on the tenant clocks */
    neostraWorkflow: NeostraWorkflow
  }
  interface FastifyContextConfig {
    /** 'none' (sign-in), 'temporary' (select-tenant also takes the sign-in token); default: a working token */
    neostraAuth?: 'none' | 'temporary'
  }
}

/** The reference pages' prefix first (the one the OpenAPI document shows), then the guides' */
const PREFIXES = ['/api/v1', '/v1']

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
 * Neostra under `/api/v1` (its reference pages) and `/v1` (its guides), the same plugin twice: Bearer JWTs, JSON bodies only, and every error in Neostra's shapes. Its error,
 * not-found and 405 handling live here and nowhere else.
 */
async function neostra (app: FastifyInstance, options: VendorPluginOptions) {
  acceptJsonOnly(app, () => 'body: must be valid JSON', { describeTooDeep: () => 'body: must be valid JSON (nested more than 1000 levels deep)' })

  // a plain callback, not an async hook: no promise per request (an answer sent here ends the chain)
  app.addHook('onRequest', (request, reply, done) => {
    if (isUnrouted(request)) return done()
    const needs = request.routeOptions.config.neostraAuth
    if (needs === 'none') return done()
    const result = app.authenticate(request, SCHEMES, { temporary: needs === 'temporary' })
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

  // the routes again under the guides' prefix: one OpenAPI entry per route, under the reference pages' prefix
  if (app.prefix !== PREFIXES[0]) app.addHook('onRoute', route => { route.schema = { ...route.schema, hide: true } })
  app.decorate('neostraWorkflow', workflowOf(app.store, app.clocks))
  if (app.prefix === PREFIXES[0]) {
    // every change of a task's status is a journal event a test can wait for (method EVENT, path neostra.task.status)
    const unsubscribe = app.neostraWorkflow.onTaskStatus(event => app.journal.event(event.tenant, event.type, event, new Date(event.time)))
    app.addHook('onClose', async () => { unsubscribe() })
  }

  const served = trackRoutes(app)
  await app.register(authRoutes)
  await app.register(scansRoutes, { strict: options.strict })
  await app.register(tasksRoutes, { strict: options.strict })
  await app.register(integrationsRoutes)
  answerOtherMethods(app, served, (request, reply, allowed) => {
    reply.header('allow', allowed.join(', '))
    return sendError(reply, 405, `Method ${request.method} is not allowed on this resource`)
  })
}

export default defineVendor<Repos, NeostraFixture>({
  name: 'neostra',
  prefixes: PREFIXES,
  // any path under /api is Neostra's to answer (its 404), as are the guides' /v1 paths
  ownsPath: path => path === '/api' || path.startsWith('/api/') || path.startsWith('/v1/') || path === '/v1',
  plugin: neostra,
  nearMisses: { schemes: SCHEMES, tenantsHolding: neostraTenantsHolding },
  migrations: join(migrationsDir, 'neostra'),
  createRepos: (db, options) => ({ neostra: createNeostraRepo(db, options.keptRecords), neostraUsers: createUsersRepo(db), neostraTasks: createTasksRepo(db) }),
  forgetKept: repos => { repos.neostra.forgetAll() },
  fixture: {
    schema: NeostraFixture,
    normalize: normalizeNeostraFixture,
    load: (repos, tenant, part) => loadNeostraFixture(repos, tenant, part),
    export: (repos, tenant) => exportNeostraFixture(repos, tenant),
    clear: (repos, tenant) => { repos.neostraTasks.clear(tenant); repos.neostraUsers.clear(tenant); repos.neostra.clear(tenant) },
    counts: countNeostra
  },
  // tasks' next steps and scans' next ticks are armed again from the tables
  workflows: {
    resume: (repos, clocks) => workflowOf(repos, clocks).restore(),
    tenantLoaded: (repos, clocks, tenant) => workflowOf(repos, clocks).reload(tenant)
  },
  errors: { sendNotFound, faultBody: neostraFaultBody, contentType: 'application/json; charset=utf-8', handler: neostraErrorHandler },
  formats: { cron: isNeostraCron },
  admin: async app => { await app.register(neostraAdmin) },
  openapi: {
    tag: { name: 'neostra', description: 'Neostra: JSON bodies, Bearer JWTs, the {status, message, data, errors} envelope' },
    securitySchemes: { neostraBearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Authorization: Bearer <jwt>' } },
    components: NEOSTRA_COMPONENTS
  }
})
