import { timingSafeEqual } from 'node:crypto'
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify'
import { FixtureError } from '../store/fixtures'
import { AdminError } from './schemas'
import clockRoutes from './clock.routes'
import neostraWorkflowRoutes from './neostra-workflow.routes' // issue 18
import faultsRoutes from './faults.routes'
import fixturesRoutes from './fixtures.routes'
import requestsRoutes from './requests.routes'
import stateRoutes from './state.routes'
import tokensRoutes from './tokens.routes'

export const sendAdminError = (reply: FastifyReply, status: number, error: string, message: string, details?: string[]) =>
  reply.code(status).send(details ? { error, message, details } : { error, message })

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a); const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * `/__admin`, WireMock's convention: health, reset, fixtures, the journal, faults, tokens. Guarded by
 * ADMIN_TOKEN when set; not registered at all when ADMIN_API=off.
 */
export default async function admin (app: FastifyInstance, options: { adminToken?: string }) {
  // every admin route documents the same error answers, and the admin token when one is set
  app.addHook('onRoute', route => {
    const schema = (route.schema ?? {}) as Record<string, any>
    route.schema = {
      ...schema,
      response: { 400: AdminError, 401: AdminError, 404: AdminError, 415: AdminError, 500: AdminError, ...schema.response },
      ...(options.adminToken ? { security: [{ adminToken: [] }] } : {})
    }
  })
  if (options.adminToken) {
    const expected = options.adminToken
    app.addHook('onRequest', async (request, reply) => {
      const [scheme, token] = (request.headers.authorization ?? '').trim().split(/\s+/)
      if (scheme?.toLowerCase() !== 'bearer' || !token || !sameSecret(token, expected)) {
        return sendAdminError(reply, 401, 'Unauthorized', 'admin calls need Authorization: Bearer <ADMIN_TOKEN>')
      }
    })
  }

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof FixtureError) return sendAdminError(reply, 400, 'Bad Request', 'fixture refused', error.problems)
    if (error.validation) {
      const details = error.validation.map(e => `${error.validationContext}${e.instancePath} ${e.message}`)
      return sendAdminError(reply, 400, 'Bad Request', details.join('; '), details)
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendAdminError(reply, 415, 'Unsupported Media Type', 'admin bodies are application/json')
    if (error.statusCode && error.statusCode < 500) return sendAdminError(reply, error.statusCode, 'Bad Request', error.message)
    request.log.error({ err: error }, 'admin call failed')
    return sendAdminError(reply, 500, 'Internal Server Error', 'admin call failed')
  })
  app.setNotFoundHandler((request, reply) => sendAdminError(reply, 404, 'Not Found', `no admin route ${request.method} ${request.url}`))

  await app.register(stateRoutes)
  await app.register(fixturesRoutes)
  await app.register(requestsRoutes)
  await app.register(faultsRoutes)
  await app.register(tokensRoutes)
  await app.register(clockRoutes)
  await app.register(neostraWorkflowRoutes) // issue 18
}
