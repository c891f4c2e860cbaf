import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { TObject } from '@sinclair/typebox'
import { acceptJsonOnly } from '../../http/json-body'
import { answerOtherMethods, trackRoutes } from '../../http/method-not-allowed'
import { drfValidate } from './drf'
import { DETAIL, DrfValidationError, authDetail, sendDetail, sendFieldErrors } from './errors'
import { registerFormParsers } from './forms'
import { pythonJsonError } from './python-json'
import scanProfilesRoutes from './scan-profiles.routes'
import scheduledScansRoutes from './scheduled-scans.routes'
import targetsRoutes from './targets.routes'
import scansRoutes from './scans.routes' // probely workflows
import findingsRoutes from './findings.routes' // probely workflows

export interface ProbelyOptions { strict: boolean, bodyLimit: number }

/** Probely's answer for a path it does not know; also the app's, since Probely has no path prefix. */
export const sendProbelyNotFound = (reply: FastifyReply) => sendDetail(reply, 404, DETAIL.notFound)

/** Probely's answer for any error, wherever it was thrown: DRF's shapes only. */
export function probelyErrorHandler (bodyLimit: number) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof DrfValidationError) return sendFieldErrors(reply, error.fieldErrors)
    switch (error.code) {
      case 'SCANSTUB_INVALID_JSON': return sendDetail(reply, 400, error.message)
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendDetail(reply, 415, DETAIL.unsupportedMediaType(request.headers['content-type'] ?? ''))
      case 'FST_ERR_CTP_BODY_TOO_LARGE': return sendDetail(reply, 413, DETAIL.tooLarge(bodyLimit))
    }
    // busboy's errors (multipart bodies, see forms.ts) carry no code
    if (/^(Multipart|Malformed part header|Unexpected end of (form|multipart data)|Part terminated early)/.test(error.message)) {
      const why = error.message.includes('Boundary not found') ? 'Invalid boundary in multipart: None' : error.message
      return sendDetail(reply, 400, DETAIL.multipartParseError(why))
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return sendDetail(reply, error.statusCode, error.message)
    request.log.error({ err: error }, 'probely handler failed')
    return sendDetail(reply, 500, DETAIL.serverError)
  }
}

/**
 * Probely at the root (its API has no prefix): `JWT` (or `Bearer`) tokens, DRF's parsing and field
 * messages from our schemas, DRF's headers (`Allow`, `Vary: Accept`) and DRF-shaped errors only.
 */
export default async function probely (app: FastifyInstance, options: ProbelyOptions) {
  acceptJsonOnly(app, body => DETAIL.parseError(pythonJsonError(body)))

  await registerFormParsers(app, options.bodyLimit)

  // Bodies are checked by DRF's rules, read off the route's TypeBox schema; params and queries as they come.
  app.setValidatorCompiler(({ schema, httpPart }) => {
    if (httpPart !== 'body') return () => true
    return (data: unknown) => {
      const { value, errors } = drfValidate(schema as TObject, data, { partial: false, strict: options.strict })
      return Object.keys(errors).length > 0 ? { error: new DrfValidationError(errors, value) } : { value }
    }
  })

  // plain callbacks, not async hooks: no promise per request (an answer sent here ends the chain)
  app.addHook('onRequest', (request, reply, done) => {
    if (request.is404) return done()
    const result = app.authenticate(request, ['JWT', 'Bearer'])
    if (!result.ok) {
      reply.header('www-authenticate', 'JWT realm="api"')
      sendDetail(reply, 401, authDetail(result.failure))
      return
    }
    request.principal = result.principal
    app.store.ensureTenant(result.principal.tenant)
    done()
  })

  app.setErrorHandler(probelyErrorHandler(options.bodyLimit))

  const served = trackRoutes(app)
  // DRF sends the view's methods in `Allow` and `Vary: Accept` on every answer of a view
  const allowHeaders = new Map<string, string>()
  app.addHook('onSend', (request, reply, payload, done) => {
    const allow = allowHeaders.get(request.routeOptions.url ?? '')
    if (allow) reply.header('allow', allow)
    reply.header('vary', 'Accept')
    done(null, payload)
  })

  await app.register(targetsRoutes)
  await app.register(scheduledScansRoutes)
  await app.register(scanProfilesRoutes)
  await app.register(scansRoutes) // probely workflows
  await app.register(findingsRoutes) // probely workflows
  answerOtherMethods(app, served,
    (request, reply) => sendDetail(reply, 405, DETAIL.methodNotAllowed(request.method)),
    (_request, reply) => reply.code(200).type('application/json').send({
      name: 'scanstub', description: '', renders: ['application/json'],
      parses: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data']
    }))
  // answerOtherMethods added OPTIONS to `served`; the headers in DRF's order, once, for the onSend hook
  for (const [url, methods] of served) {
    allowHeaders.set(url, ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'].filter(m => methods.has(m)).join(', '))
  }
}
