import type { FastifyError, FastifyInstance } from 'fastify'
import { acceptJsonOnly } from '../../http/json-body'
import { answerOtherMethods, trackRoutes } from '../../http/method-not-allowed'
import { AUTH_MESSAGES, sendBadRequest, sendError, sendNotFound } from './errors'
import authRoutes from './auth.routes'
import integrationsRoutes from './integrations.routes'
import scansRoutes from './scans.routes'
import tasksRoutes from './tasks.routes'
import { describeValidationError } from './validation'

export interface NeostraOptions {
  strict: boolean
  bodyLimit: number
  /** the same routes served again under a second prefix: kept out of the OpenAPI document (one entry per route) */
  duplicate?: boolean
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** issue 18: 'none' (sign-in), 'temporary' (select-tenant also takes the sign-in token); default a working token */
    neostraAuth?: 'none' | 'temporary'
  }
}

/**
 * Neostra under `/api/v1` (its reference pages) and `/v1` (its guides): Bearer JWTs, JSON bodies only, and every error in Neostra's shapes. Its error,
 * not-found and 405 handling live here and nowhere else.
 */
export default async function neostra (app: FastifyInstance, options: NeostraOptions) {
  acceptJsonOnly(app, () => 'body: must be valid JSON')

  // a plain callback, not an async hook: no promise per request (an answer sent here ends the chain)
  app.addHook('onRequest', (request, reply, done) => {
    if (request.is404) return done()
    const needs = request.routeOptions.config.neostraAuth
    if (needs === 'none') return done()
    const result = app.authenticate(request, ['Bearer'], { temporary: needs === 'temporary' })
    if (!result.ok) {
      reply.header('www-authenticate', 'Bearer')
      sendError(reply, 401, AUTH_MESSAGES[result.failure])
      return
    }
    request.principal = result.principal
    app.store.ensureTenant(result.principal.tenant)
    done()
  })

  // an empty body is a valid no-op
  app.addHook('preValidation', (request, _reply, done) => {
    if (request.body === undefined && (request.method === 'PATCH' || request.method === 'POST')) request.body = {}
    done()
  })

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) return sendBadRequest(reply, [...new Set(error.validation.map(describeValidationError))])
    switch (error.code) {
      case 'SCANSTUB_INVALID_JSON': return sendBadRequest(reply, [error.message])
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendError(reply, 415, 'Content-Type must be application/json')
      case 'FST_ERR_CTP_BODY_TOO_LARGE': return sendError(reply, 413, `Request body is larger than ${options.bodyLimit} bytes`)
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return sendError(reply, error.statusCode, error.message)
    request.log.error({ err: error }, 'neostra handler failed')
    return sendError(reply, 500, 'An unexpected error occurred')
  })

  app.setNotFoundHandler((_request, reply) => sendNotFound(reply))

  if (options.duplicate) {
    app.addHook('onRoute', route => { route.schema = { ...route.schema, hide: true } })
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
