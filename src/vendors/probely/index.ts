import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { TObject } from '@sinclair/typebox'
import { join } from 'node:path'
import type { Db } from '../../store/db'
import type { RepoOptions } from '../../store/store'
import { errorHandler } from '../../http/error-handler'
import { acceptJsonOnly } from '../../http/json-body'
import { answerOtherMethods, isUnrouted, methodsOfPath, trackRoutes } from '../../http/method-not-allowed'
import { migrationsDir } from '../../paths'
import { defineVendor, type VendorPluginOptions } from '../vendor-module'
import { probelyTenantsHolding } from './near-misses'

/** Probely's own `JWT <token>`; `Bearer` is accepted too (contract section 3) */
const SCHEMES = ['JWT', 'Bearer'] as const
import { parseDrfDateTime } from './datetime'
import { drfValidate } from './drf'
import { negotiate } from './negotiation'
import { DETAIL, DrfValidationError, authDetail, probelyFaultBody, sendDetail, sendFieldErrors } from './errors'
import { exportProbelyFixture, loadProbelyFixture, normalizeProbelyFixture, ProbelyFixture } from './fixture'
import { registerFormParsers } from './forms'
import { readPythonJson } from './python-json'
import { PROBELY_COMPONENTS } from './openapi-components'
import scanProfilesRoutes from './scan-profiles.routes'
import { createScheduledScansRepo, type ScheduledScansRepo } from './scheduled-scans.repo'
import scheduledScansRoutes from './scheduled-scans.routes'
import { createTargetsRepo, type TargetsRepo } from './targets.repo'
import targetsRoutes from './targets.routes'
import { isIanaTimezone } from './timezones'
import findingsRoutes from './findings.routes'
import scansRoutes from './scans.routes'
import probelyWorkflowRoutes from './workflow-admin.routes'
import { clearWorkflow, createWorkflowRepos, exportWorkflowFixture, loadWorkflowFixture, type WorkflowRepos } from './workflow-fixture'
import { createProbelyWorkflows, type ProbelyWorkflows } from './workflow-module'
import type { Clocks } from '../../core/clock'

/** Probely's repositories, merged into `app.store` */
export interface ProbelyRepos {
  targets: TargetsRepo
  scheduledScans: ScheduledScansRepo
  /** scans, findings, settings and schedule states */
  probelyWorkflow: WorkflowRepos
  /** the scan lifecycles and firing schedules on this app's clocks (made on first use, one per store) */
  probelyEngine: (clocks: Clocks) => ProbelyWorkflows
}
type Repos = ProbelyRepos
declare module '../../store/store' {
  interface VendorRepos extends ProbelyRepos {}
}

function createRepos (db: Db, options: RepoOptions): Repos {
  const probelyWorkflow = createWorkflowRepos(db, options.keptRecords)
  // one repo per table: the targets' roll-ups read the workflow's scans and findings (statements prepared once)
  const targets = createTargetsRepo(db, probelyWorkflow, options.keptRecords)
  const scheduledScans = createScheduledScansRepo(db, options.keptRecords)
  let engine: ProbelyWorkflows | undefined
  return { targets, scheduledScans, probelyWorkflow, probelyEngine: clocks => (engine ??= createProbelyWorkflows(clocks, scheduledScans, probelyWorkflow)) }
}

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
 * messages from our schemas, DRF's headers (`Allow`, `Content-Type` without charset) and DRF-shaped errors only.
 */
async function probely (app: FastifyInstance, options: VendorPluginOptions) {
  // DRF's JSONParser: the request's charset, Python's json module and its words; no body of any type is no body
  acceptJsonOnly(app, (_body, why) => DETAIL.parseError(why ?? ''), {
    read: readPythonJson,
    emptyBodyOfAnyType: true,
    alsoJson: /^(\*\/\*|application\/\*)\s*(;|$)/i,
    describeTooDeep: kind => DETAIL.parseError(`maximum recursion depth exceeded while decoding a JSON ${kind} from a unicode string`)
  })

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
    if (isUnrouted(request)) return done()
    // DRF negotiates the renderer before it authenticates
    const negotiation = negotiate(request.headers.accept, (request.query as { format?: string | string[] }).format)
    if (negotiation === 'not-found') return sendDetail(reply, 404, DETAIL.notFound)
    if (negotiation === 'not-acceptable') return sendDetail(reply, 406, DETAIL.notAcceptable)
    const result = app.authenticate(request, SCHEMES)
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
  await app.register(scansRoutes)
  await app.register(findingsRoutes)
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
      if (url.startsWith('/__admin')) return undefined
      const auth = app.authenticate({ headers } as FastifyRequest, SCHEMES)
      if (!auth.ok) return json(401, authDetail(auth.failure), { 'www-authenticate': 'JWT realm="api"' })
      const allowed = methodsOf(url.split('?')[0])
      return allowed ? json(405, DETAIL.methodNotAllowed(method), { allow: allowed.join(', ') }) : json(404, DETAIL.notFound)
    }
  }
}

export default defineVendor<Repos, ProbelyFixture>({
  name: 'probely',
  // Probely's API has no path prefix: every path no other vendor owns is Probely's (its 404s included)
  prefixes: [''],
  ownsPath: () => true,
  plugin: probely,
  nearMisses: { schemes: SCHEMES, tenantsHolding: probelyTenantsHolding },
  migrations: join(migrationsDir, 'probely'),
  createRepos,
  forgetKept: repos => { repos.targets.forgetAll(); repos.scheduledScans.forgetAll(); repos.probelyWorkflow.settings.forgetAll(); repos.probelyWorkflow.scans.forgetAll() },
  fixture: {
    schema: ProbelyFixture,
    normalize: normalizeProbelyFixture,
    load: (repos, tenant, part) => {
      clearWorkflow(repos.probelyWorkflow, tenant)
      loadProbelyFixture(repos.targets, repos.scheduledScans, tenant, part)
      loadWorkflowFixture(repos.probelyWorkflow, tenant, part)
    },
    export: (repos, tenant) => ({ ...exportProbelyFixture(repos.targets, repos.scheduledScans, tenant), ...exportWorkflowFixture(repos.probelyWorkflow, tenant) }),
    clear: (repos, tenant) => { clearWorkflow(repos.probelyWorkflow, tenant); repos.scheduledScans.clear(tenant); repos.targets.clear(tenant) },
    // the admin answer merges every vendor's counts into one object: Probely's `scans` would hide Neostra's
    counts: part => ({ scanProfiles: part.scanProfiles.length, targets: part.targets.length, scheduledScans: part.scheduledScans.length })
  },
  // scans and schedules keep their next step in their tables: registered again at start and after each load
  workflows: {
    resume: (repos, clocks) => repos.probelyEngine(clocks).rearm(),
    tenantLoaded: (repos, clocks, tenant) => repos.probelyEngine(clocks).rearm(tenant)
  },
  admin: async app => { await app.register(probelyWorkflowRoutes) },
  errors: { sendNotFound: sendProbelyNotFound, faultBody: probelyFaultBody, contentType: 'application/json', handler: probelyErrorHandler },
  formats: { 'date-time': v => parseDrfDateTime(v) !== null, 'iana-timezone': isIanaTimezone },
  openapi: {
    tag: { name: 'probely', description: 'Probely: JSON, form or multipart bodies, JWT tokens, Django REST Framework errors' },
    securitySchemes: { probelyJWT: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'Authorization: JWT <jwt> (Bearer is accepted too)' } },
    components: PROBELY_COMPONENTS
  }
})
