import { isAscii } from 'node:buffer'
import { Readable } from 'node:stream'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { Metrics } from '../core/metrics'
import type { FiredFault } from '../core/faults'
import { ANONYMOUS_TENANT, JOURNAL_BODY_LIMIT, type JournalRecord, cutText } from '../core/journal'
import { redactBody, redactHeaders, redactQuery } from '../core/redact'
import { isUnrouted } from './method-not-allowed'

declare module 'fastify' {
  interface FastifyRequest {
    /** the tenant this request is filed under: its verified token's, else the anonymous share */
    trafficTenant: string
    /** the body as the client sent it (parsed), before validation turns it into stored values */
    sentBody: unknown
    /** the fault rule that shapes this request's answer, if any */
    fault: FiredFault | undefined
    /** the answer's text as sent, for the journal (parsed and redacted only when read) */
    answerText: string | null
    /** the answer's length in characters when answerText holds only its start (a large answer sent as bytes) */
    answerCharacters: number | undefined
  }
  interface FastifyInstance {
    /** every vendor route (method and URL pattern), for the near-miss report */
    vendorRoutes: { method: string, url: string }[]
  }
}

/** Paths that are scanstub's own, not a vendor's: never journaled, never faulted. */
export const OWN_PATHS = /^\/(__admin(\/|$)|health$|metrics$|openapi\.json$|docs(\/|$))/

/** Either vendor's schemes: only a verified token names a tenant. */
const SCHEMES = ['Bearer', 'JWT']

function journalBody (body: unknown, contentLength: number): unknown {
  if (body === undefined || body === null) return null
  const redacted = redactBody(body)
  if (contentLength < JOURNAL_BODY_LIMIT / 2) return redacted // small enough without measuring
  const text = JSON.stringify(redacted)
  return text.length > JOURNAL_BODY_LIMIT ? cutText(text) : redacted
}

/**
 * A Buffer answer as the journal keeps it: a large one (a 10,000-record list is 24 MB) is decoded only as
 * far as the journal keeps it, and its length in characters is its byte count when it is all ASCII
 * (checked natively: ~2 ms for 24 MB, where decoding it whole took ~40 ms and a copy of the answer).
 */
function journalTextOf (bytes: Buffer): { text: string, characters?: number } {
  // 3 bytes at most per UTF-16 unit: this many bytes hold more than the journal keeps
  if (bytes.length <= JOURNAL_BODY_LIMIT * 3 || !isAscii(bytes)) return { text: bytes.toString('utf8') }
  return { text: bytes.toString('latin1', 0, JOURNAL_BODY_LIMIT + 1), characters: bytes.length }
}

const hasBody = (request: FastifyRequest) =>
  request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0

/** The raw body of a request a fault answers (JSON parsed when it parses), at most a journal's worth, within 2 s. */
function readSent (request: FastifyRequest): Promise<unknown> {
  return new Promise(resolve => {
    const chunks: Buffer[] = []
    let size = 0
    const finish = () => {
      clearTimeout(timer)
      request.raw.removeListener('data', onData)
      const text = Buffer.concat(chunks).toString('utf8')
      try { resolve(JSON.parse(text)) } catch { resolve(text) }
    }
    const onData = (chunk: Buffer) => {
      if (size < JOURNAL_BODY_LIMIT * 2) { chunks.push(chunk); size += chunk.length }
    }
    const timer = setTimeout(finish, 2000)
    request.raw.on('data', onData)
    request.raw.once('end', finish)
    request.raw.once('error', finish)
  })
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

/** JSON no parser accepts, with a JSON Content-Type: what a broken proxy or a half-deployed backend sends. */
export const MALFORMED_BODY = '{"status": 200, "data": {"id": '

/** The answer sent in `chunks` pieces spread over `ms`: a slow ("dribbled") body. */
function dribble (payload: string | Buffer, ms: number): Readable {
  const data = Buffer.from(payload)
  const chunks = Math.max(1, Math.min(10, data.length))
  const size = Math.ceil(data.length / chunks)
  let i = 0
  return new Readable({
    read () {
      if (i * size >= data.length) { this.push(null); return }
      const chunk = data.subarray(i * size, (i + 1) * size)
      i++
      setTimeout(() => this.push(chunk), i === 1 ? 0 : ms / chunks)
    }
  })
}

/** For a request path: the error bodies of the vendor that owns it. */
export type VendorErrorsLookup = (path: string) => { faultBody: (status: number, method: string) => unknown, contentType: string }

/** The journal and fault injection (both in core), around every vendor request. */
async function traffic (app: FastifyInstance, options: { vendorFor: VendorErrorsLookup, vendorName: (path: string) => string }) {
  app.decorate('metrics', new Metrics(options.vendorName, {
    tenants: () => app.tenants.list().length,
    journalEntries: () => app.journal.size,
    journalBytes: () => app.journal.bytes
  }))
  app.decorateRequest('trafficTenant', ANONYMOUS_TENANT)
  app.decorateRequest('sentBody', undefined)
  app.decorateRequest('fault', undefined)
  app.decorateRequest('answerText', null)
  app.decorateRequest('answerCharacters', undefined)
  app.decorate('vendorRoutes', [] as { method: string, url: string }[])
  app.addHook('onRoute', route => {
    if (OWN_PATHS.test(route.url)) return
    for (const method of [route.method].flat()) if (method !== 'HEAD') app.vendorRoutes.push({ method, url: route.url })
  })

  const verifiedTenant = (request: FastifyRequest) => {
    const result = app.authenticate(request, SCHEMES)
    return result.ok ? result.principal.tenant : ANONYMOUS_TENANT
  }

  const entryOf = (request: FastifyRequest, path: string, status: number, headers: Record<string, unknown>, durationMs: number): JournalRecord => ({
    time: new Date().toISOString(),
    tenant: request.principal?.tenant ?? request.trafficTenant,
    method: request.method,
    path,
    query: redactQuery({ ...(request.query as object) }),
    headers: redactHeaders(request.headers),
    body: journalBody(request.sentBody ?? request.body, Number(request.headers['content-length'] ?? Infinity)),
    status,
    response: { headers: redactHeaders(headers), text: request.answerText, characters: request.answerCharacters },
    durationMs: Math.round(durationMs * 100) / 100,
    matched: !isUnrouted(request),
    ...(request.fault ? { fault: request.fault.rule.id } : {})
  })

  // validators may replace the body with converted values (DRF's); the journal keeps what was sent
  // (hooks on every request are plain callbacks where they need not wait: no promise per hook)
  app.addHook('preValidation', (request, reply, done) => {
    request.sentBody = request.body
    if (request.fault !== undefined || app.faults.empty || !app.faults.needsBody(request.trafficTenant)) return done()
    // a rule on the body can only be matched once the body is parsed
    applyFault(request, reply, request.url.split('?')[0], request.body).then(() => done(), done)
  })

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

  const applyFault = async (request: FastifyRequest, reply: FastifyReply, path: string, body?: unknown) => {
    const fired = app.faults.match({ method: request.method, path, tenant: request.trafficTenant, query: request.query as Record<string, unknown>, headers: request.headers, body })
    if (!fired) return
    request.fault = fired
    app.metrics.faultFired()
    const { answer, rule } = fired
    // the WireMock habit (Matched-Stub-Id): say which rule shaped the answer
    reply.header('x-scanstub-fault', rule.id)
    if (fired.delayMs) await sleep(fired.delayMs)
    // answered before Fastify reads the body: read it here, so the journal keeps what the client sent
    if ((answer.reset || answer.status !== undefined) && body === undefined && hasBody(request)) request.sentBody = await readSent(request)
    if (answer.reset) {
      // no answer goes out, so no onResponse: the journal hears of the dropped connection here
      app.journal.record(entryOf(request, path, 0, {}, reply.elapsedTime))
      request.raw.socket?.destroy()
      return reply.hijack()
    }
    if (answer.status !== undefined) {
      const vendor = options.vendorFor(path)
      const retry = answer.status === 429 || answer.status === 503 ? { 'retry-after': '1' } : {}
      const body = answer.body !== undefined ? answer.body : answer.status < 400 ? {} : vendor.faultBody(answer.status, request.method)
      return reply.code(answer.status).headers({ ...retry, ...answer.headers }).type(answer.headers?.['content-type'] ?? answer.headers?.['Content-Type'] ?? vendor.contentType).send(body)
    }
  }
  app.addHook('onRequest', (request, reply, done) => {
    if (app.faults.empty) return done()
    const path = request.url.split('?')[0]
    if (OWN_PATHS.test(path)) return done()
    request.trafficTenant = verifiedTenant(request)
    if (app.faults.needsBody(request.trafficTenant) && request.method !== 'GET' && request.method !== 'HEAD') return done()
    applyFault(request, reply, path).then(() => done(), done)
  })

  // keep the answer's text for the journal; shape it when a fault says so (empty, malformed, cut, slow)
  app.addHook('onSend', (request, _reply, payload, done) => {
    const answer = request.fault?.answer
    const shaped = answer !== undefined && (answer.kind !== undefined || answer.dribbleMs !== undefined)
    if (!shaped && Buffer.isBuffer(payload)) {
      const { text, characters } = journalTextOf(payload)
      request.answerText = text
      request.answerCharacters = characters
      return done(null, payload)
    }
    const text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : null
    request.answerText = text
    if (!shaped || text === null) return done(null, payload)
    let out: string = text
    if (answer.kind === 'empty') out = ''
    else if (answer.kind === 'malformed') out = MALFORMED_BODY
    else if (answer.kind === 'truncated') out = text.slice(0, Math.floor(text.length / 2))
    request.answerText = out
    done(null, answer.dribbleMs !== undefined ? dribble(out, answer.dribbleMs) : out)
  })

  app.addHook('onResponse', (request, reply, done) => {
    const path = request.url.split('?')[0]
    if (OWN_PATHS.test(path)) return done()
    if (request.principal === null && request.trafficTenant === ANONYMOUS_TENANT) {
      // not verified by a route (a 404, a 401, a fault): file it under its tenant only if its token verifies
      request.trafficTenant = verifiedTenant(request)
    }
    try {
      app.journal.record(entryOf(request, path, reply.statusCode, reply.getHeaders(), reply.elapsedTime))
    } catch (err) {
      // the journal must never turn an answered request into an error, nor lose the server
      request.log.error({ err }, 'a request could not be journaled')
    }
    app.metrics.observe(request, reply)
    done()
  })
}

export default fp(traffic, { name: 'scanstub-traffic', dependencies: ['scanstub-auth'] })
