import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { TObject } from '@sinclair/typebox'
import { acceptJsonOnly } from '../../http/json-body'
import { answerOtherMethods, methodsOfPath, trackRoutes } from '../../http/method-not-allowed'
import type { RawAnswerer } from '../../http/unparsed-methods'
import { drfValidate } from './drf'
import { negotiate } from './negotiation'
import { DETAIL, DrfValidationError, authDetail, sendDetail, sendFieldErrors } from './errors'
import { registerFormParsers } from './forms'
import { readPythonJson } from './python-json'
import scanProfilesRoutes from './scan-profiles.routes'
import scheduledScansRoutes from './scheduled-scans.routes'
import targetsRoutes from './targets.routes'

export interface ProbelyOptions {
  strict: boolean
  bodyLimit: number
  /** filled once the routes are known: what to answer a method Node's parser or router never hands to Fastify */
  rawAnswers?: { answer?: RawAnswerer }
}

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
 * messages from our schemas, DRF's headers (`Allow`, `Content-Type` without charset) and DRF-shaped errors only.
 */
export default async function probely (app: FastifyInstance, options: ProbelyOptions) {
  // DRF's JSONParser: the request's charset, Python's json module and its words; no body of any type is no body
  acceptJsonOnly(app, (_body, why) => DETAIL.parseError(why ?? ''), { read: readPythonJson, emptyBodyOfAnyType: true, alsoJson: /^(\*\/\*|application\/\*)\s*(;|$)/i })

  await registerFormParsers(app, options.bodyLimit)

  // Bodies are checked by DRF's rules, read off the route's TypeBox schema; params and queries as they come.
  app.setValidatorCompiler(({ schema, httpPart, method }) => {
    if (httpPart !== 'body') return () => true
    const partial = method === 'PATCH' // DRF's partial update; PUT and POST are full
    return (data: unknown) => {
      const { value, errors } = drfValidate(schema as TObject, data, { partial, strict: options.strict })
      return Object.keys(errors).length > 0 ? { error: new DrfValidationError(errors, value) } : { value }
    }
  })

  // plain callbacks, not async hooks: no promise per request (an answer sent here ends the chain)
  app.addHook('onRequest', (request, reply, done) => {
    if (request.is404) return done()
    // DRF negotiates the renderer before it authenticates
    const negotiation = negotiate(request.headers.accept, (request.query as { format?: string | string[] }).format)
    if (negotiation === 'not-found') return sendDetail(reply, 404, DETAIL.notFound)
    if (negotiation === 'not-acceptable') return sendDetail(reply, 406, DETAIL.notAcceptable)
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
  // DRF sends the view's methods in `Allow` on every answer of a view; with one renderer (JSON) its
  // Content-Type has no charset and there is no `Vary: Accept`
  const allowHeaders = new Map<string, string>()
  app.addHook('onSend', (request, reply, payload, done) => {
    const allow = allowHeaders.get(request.routeOptions.url ?? '')
    if (allow) reply.header('allow', allow)
    const type = reply.getHeader('content-type')
    if (typeof type === 'string' && type.startsWith('application/json')) reply.header('content-type', 'application/json')
    done(null, payload)
  })

  await app.register(targetsRoutes)
  await app.register(scheduledScansRoutes)
  await app.register(scanProfilesRoutes)
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
  if (options.rawAnswers) {
    // FOO and CONNECT over the wire: DRF authenticates, then 405 with Allow on a served path (404 elsewhere)
    const methodsOf = methodsOfPath(served)
    const json = (status: number, detail: string, headers: Record<string, string> = {}) =>
      ({ status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ detail }) })
    options.rawAnswers.answer = (method, url, headers) => {
      if (url.startsWith('/api/') || url.startsWith('/__admin')) return undefined
      const auth = app.authenticate({ headers } as FastifyRequest, ['JWT', 'Bearer'])
      if (!auth.ok) return json(401, authDetail(auth.failure), { 'www-authenticate': 'JWT realm="api"' })
      const allowed = methodsOf(url.split('?')[0])
      return allowed ? json(405, DETAIL.methodNotAllowed(method), { allow: allowed.join(', ') }) : json(404, DETAIL.notFound)
    }
  }
}
