import type { FastifyInstance, FastifyReply } from 'fastify'
import type { TObject } from '@sinclair/typebox'
import { join } from 'node:path'
import { errorHandler } from '../../http/error-handler'
import { acceptJsonOnly } from '../../http/json-body'
import { answerOtherMethods, trackRoutes } from '../../http/method-not-allowed'
import { migrationsDir } from '../../paths'
import { defineVendor, type VendorPluginOptions } from '../vendor-module'
import { parseDrfDateTime } from './datetime'
import { drfValidate } from './drf'
import { DETAIL, DrfValidationError, authDetail, probelyFaultBody, sendDetail, sendFieldErrors } from './errors'
import { exportProbelyFixture, loadProbelyFixture, normalizeProbelyFixture, ProbelyFixture } from './fixture'
import { registerFormParsers } from './forms'
import { pythonJsonError } from './python-json'
import scanProfilesRoutes from './scan-profiles.routes'
import { createScheduledScansRepo, type ScheduledScansRepo } from './scheduled-scans.repo'
import scheduledScansRoutes from './scheduled-scans.routes'
import { createTargetsRepo, type TargetsRepo } from './targets.repo'
import targetsRoutes from './targets.routes'
import { isIanaTimezone } from './timezones'

declare module '../../store/store' {
  interface VendorRepos { targets: TargetsRepo, scheduledScans: ScheduledScansRepo }
}
type Repos = { targets: TargetsRepo, scheduledScans: ScheduledScansRepo }

/** Probely's answer for a path it does not know; also the app's, since Probely has no path prefix. */
const sendProbelyNotFound = (reply: FastifyReply) => sendDetail(reply, 404, DETAIL.notFound)

/** busboy's errors (multipart bodies, see forms.ts) carry no code */
const MULTIPART_ERROR = /^(Multipart|Malformed part header|Unexpected end of (form|multipart data)|Part terminated early)/

/** Probely's answer for any error, wherever it was thrown: DRF's shapes only. */
const probelyErrorHandler = (bodyLimit: number) => errorHandler({
  own: (error, _request, reply) => {
    if (error instanceof DrfValidationError) return sendFieldErrors(reply, error.fieldErrors)
    if (!error.code && MULTIPART_ERROR.test(error.message)) {
      const why = error.message.includes('Boundary not found') ? 'Invalid boundary in multipart: None' : error.message
      return sendDetail(reply, 400, DETAIL.multipartParseError(why))
    }
    return undefined
  },
  validation: (error, _request, reply) => sendDetail(reply, 400, error.message),
  invalidJson: (error, reply) => sendDetail(reply, 400, error.message),
  unsupportedMediaType: (request, reply) => sendDetail(reply, 415, DETAIL.unsupportedMediaType(request.headers['content-type'] ?? '')),
  tooLarge: reply => sendDetail(reply, 413, DETAIL.tooLarge(bodyLimit)),
  clientError: (status, message, reply) => sendDetail(reply, status, message),
  serverError: reply => sendDetail(reply, 500, DETAIL.serverError)
}, 'probely handler')

/**
 * Probely at the root (its API has no prefix): `JWT` (or `Bearer`) tokens, DRF's parsing and field
 * messages from our schemas, DRF's headers (`Allow`, `Vary: Accept`) and DRF-shaped errors only.
 */
async function probely (app: FastifyInstance, options: VendorPluginOptions) {
  acceptJsonOnly(app, body => DETAIL.parseError(pythonJsonError(body)),
    kind => DETAIL.parseError(`maximum recursion depth exceeded while decoding a JSON ${kind} from a unicode string`))

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
    app.tenants.ensure(result.principal.tenant)
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

export default defineVendor<Repos, ProbelyFixture>({
  name: 'probely',
  // Probely's API has no path prefix: every path no other vendor owns is Probely's (its 404s included)
  prefixes: [''],
  ownsPath: () => true,
  plugin: probely,
  migrations: join(migrationsDir, 'probely'),
  createRepos: db => ({ targets: createTargetsRepo(db), scheduledScans: createScheduledScansRepo(db) }),
  forgetKept: repos => { repos.targets.forgetAll(); repos.scheduledScans.forgetAll() },
  fixture: {
    schema: ProbelyFixture,
    normalize: normalizeProbelyFixture,
    load: (repos, tenant, part) => loadProbelyFixture(repos.targets, repos.scheduledScans, tenant, part),
    export: (repos, tenant) => exportProbelyFixture(repos.targets, repos.scheduledScans, tenant),
    clear: (repos, tenant) => { repos.scheduledScans.clear(tenant); repos.targets.clear(tenant) },
    counts: part => ({ scanProfiles: part.scanProfiles.length, targets: part.targets.length, scheduledScans: part.scheduledScans.length })
  },
  errors: { sendNotFound: sendProbelyNotFound, faultBody: probelyFaultBody, contentType: 'application/json', handler: probelyErrorHandler },
  formats: { 'date-time': v => parseDrfDateTime(v) !== null, 'iana-timezone': isIanaTimezone },
  openapi: {
    tag: { name: 'probely', description: 'Probely: JSON, form or multipart bodies, JWT tokens, Django REST Framework errors' },
    securitySchemes: { probelyJWT: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'Authorization: JWT <jwt> (Bearer is accepted too)' } }
  }
})
