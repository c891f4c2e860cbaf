import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { ANONYMOUS_TENANT } from '../core/journal'
import { redactHeaders, redactUrl } from '../core/redact'
import { parsePacket } from './unparsed-methods'

/** An error body in the shape of whoever owns a path (a vendor, or the admin API for /__admin). */
export type ErrorAnswer = (status: number, method: string, path: string) => { body: unknown, contentType: string }

/** Headers Node refused as too large: each value kept to its first KB (the journal's byte budget is per tenant). */
const cutValues = (headers: Record<string, unknown>) => Object.fromEntries(Object.entries(headers).map(([k, v]) =>
  [k, typeof v === 'string' && v.length > 1024 ? `${v.slice(0, 1024)}… (${v.length} characters)` : v]))

/** What Node says before any framework runs, as a status: 408 a request too slow, 431 headers too large, else 400. */
export function clientErrorStatus (code: string | undefined): number {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408
  if (code === 'HPE_HEADER_OVERFLOW') return 431
  return 400
}

/**
 * Answers in the owning vendor's shape what Node refuses before Fastify sees it (headers too large, a
 * request too slow, a malformed request line), and journals it. The path comes from the packet Node
 * was parsing: when the headers overflowed in a later packet than the request line, it is unknown and
 * the vendor that owns every unclaimed path answers (as for a 404). Returns the server's clientError
 * listener (Fastify's `clientErrorHandler`).
 */
export function clientErrorHandler (app: () => FastifyInstance, answer: ErrorAnswer) {
  return (err: Error & { code?: string }, socket: Duplex): void => {
    // a reset connection has nobody to answer
    if (err.code === 'ECONNRESET' || socket.destroyed) return
    const status = clientErrorStatus(err.code)
    const packet = (err as { rawPacket?: unknown }).rawPacket
    const request = Buffer.isBuffer(packet) ? parsePacket(packet) : undefined
    const method = request?.method ?? ''
    const url = request?.url ?? ''
    const path = url.split('?')[0]
    const { body, contentType } = answer(status, method, path)
    const text = JSON.stringify(body)
    if (socket.writable) {
      socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: ${contentType}\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`)
    }
    socket.destroy()
    try {
      app().journal.record({
        time: new Date().toISOString(),
        tenant: ANONYMOUS_TENANT,
        method,
        path: path === '' ? '(unknown: the request line was not read)' : redactUrl(path),
        query: {},
        headers: redactHeaders(cutValues(request?.headers ?? {})),
        body: null,
        status,
        response: { headers: { 'content-type': contentType }, text },
        durationMs: 0,
        matched: false
      })
    } catch (e) {
      app().log.error({ err: e }, 'a refused request could not be journaled')
    }
  }
}

/**
 * While the server stops, a request that still arrives (pipelined, or on a busy keep-alive socket) gets
 * a 503 in its owner's shape with Retry-After, instead of Fastify's own body (its return503OnClosing is
 * turned off for this); the requests in flight are answered as usual.
 */
async function closing (app: FastifyInstance, options: { answer: ErrorAnswer }) {
  let stopping = false
  app.addHook('preClose', (done) => { stopping = true; done() })
  app.addHook('onRequest', (request, reply, done) => {
    if (!stopping) return done()
    const path = request.url.split('?')[0]
    const { body, contentType } = options.answer(503, request.method, path)
    reply.code(503).headers({ connection: 'close', 'retry-after': '1' }).type(contentType).send(body)
  })
}

export const closingAnswers = fp(closing, { name: 'scanstub-closing' })
