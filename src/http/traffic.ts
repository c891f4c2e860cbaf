import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { JOURNAL_BODY_LIMIT } from '../core/journal'
import { redactBody, redactHeaders, redactQuery } from '../core/redact'
import { DEFAULT_TENANT, TENANT_PATTERN } from '../core/tenant-name'

declare module 'fastify' {
  interface FastifyRequest {
    /** the tenant this request is filed under in the journal and matched against fault rules */
    trafficTenant: string
    /** the body as the client sent it (parsed), before validation turns it into stored values */
    sentBody: unknown
  }
}

/** Paths that are scanstub's own, not a vendor's: never journaled, never faulted. */
const OWN_PATHS = /^\/(__admin(\/|$)|health$|openapi\.json$|docs(\/|$))/

/**
 * The tenant claim of the request's token, read without checking the signature: only to file the
 * request in its tenant's journal and match that tenant's fault rules (even when auth then fails).
 */
function tenantClaim (request: FastifyRequest): string {
  const token = request.headers.authorization?.trim().split(/\s+/)[1]
  if (!token) return DEFAULT_TENANT
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'))
    return typeof claims?.tenant === 'string' && TENANT_PATTERN.test(claims.tenant) ? claims.tenant : DEFAULT_TENANT
  } catch {
    return DEFAULT_TENANT
  }
}

function journalBody (body: unknown, contentLength: number): unknown {
  if (body === undefined || body === null) return null
  const redacted = redactBody(body)
  if (contentLength < JOURNAL_BODY_LIMIT / 2) return redacted // small enough without measuring
  const text = JSON.stringify(redacted)
  return text.length > JOURNAL_BODY_LIMIT ? `${text.slice(0, JOURNAL_BODY_LIMIT)}… (${text.length} characters)` : redacted
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

/** For a request path: the error bodies of the vendor that owns it. */
export type VendorErrorsLookup = (path: string) => { faultBody: (status: number, method: string) => unknown, contentType: string }

/** The journal and fault injection (both in core), around every vendor request. */
async function traffic (app: FastifyInstance, options: { vendorFor: VendorErrorsLookup }) {
  app.decorateRequest('trafficTenant', 'default')
  app.decorateRequest('sentBody', undefined)

  // validators may replace the body with converted values (DRF's); the journal keeps what was sent
  // (hooks on every request are plain callbacks where they need not wait: no promise per hook)
  app.addHook('preValidation', (request, _reply, done) => { request.sentBody = request.body; done() })

  // GET, HEAD, DELETE and OPTIONS bodies mean nothing to either vendor (DRF never reads them): they are
  // not parsed, so a stray or broken body cannot turn a DELETE into a 400 or 415
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.method !== 'DELETE' && request.method !== 'OPTIONS') return done()
    const headers = request.raw.headers
    if (headers['content-type'] === undefined && headers['transfer-encoding'] === undefined && (headers['content-length'] ?? '0') === '0') return done()
    delete headers['content-type']
    delete headers['transfer-encoding']
    headers['content-length'] = '0'
    done()
  })

  const applyFault = async (request: FastifyRequest, reply: FastifyReply, path: string) => {
    request.trafficTenant = tenantClaim(request)
    const rule = app.faults.match(request.method, path, request.trafficTenant)
    if (!rule) return
    // the WireMock habit (Matched-Stub-Id): say which rule shaped the answer
    reply.header('x-scanstub-fault', rule.id)
    if (rule.delayMs) await sleep(rule.delayMs)
    if (rule.reset) {
      request.raw.socket?.destroy()
      return reply.hijack()
    }
    if (rule.status !== undefined) {
      const vendor = options.vendorFor(path)
      const body = rule.body !== undefined ? rule.body : rule.status < 400 ? {} : vendor.faultBody(rule.status, request.method)
      return reply.code(rule.status).type(vendor.contentType).send(body)
    }
  }
  app.addHook('onRequest', (request, reply, done) => {
    if (app.faults.empty) return done()
    const path = request.url.split('?')[0]
    if (OWN_PATHS.test(path)) return done()
    applyFault(request, reply, path).then(() => done(), done)
  })

  app.addHook('onResponse', (request, reply, done) => {
    const path = request.url.split('?')[0]
    if (OWN_PATHS.test(path)) return done()
    app.journal.record({
      time: new Date().toISOString(),
      // the verified tenant when auth passed; else the token's claim, read for filing only
      tenant: request.principal?.tenant ?? (app.faults.empty ? tenantClaim(request) : request.trafficTenant),
      method: request.method,
      path,
      query: redactQuery({ ...(request.query as object) }),
      headers: redactHeaders(request.headers),
      body: journalBody(request.sentBody, Number(request.headers['content-length'] ?? Infinity)),
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
      matched: !request.is404
    })
    done()
  })
}

export default fp(traffic, { name: 'scanstub-traffic' })
