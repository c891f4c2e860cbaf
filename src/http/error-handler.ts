import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'

/** Codes of the errors scanstub's own parsers raise, for the error handlers. */
export const ERROR_CODES = {
  invalidJson: 'SCANSTUB_INVALID_JSON'
} as const

/** What a vendor (or the admin API) answers for each error the framework raises. */
export interface ErrorShapes {
  /** a body that failed its route's schema */
  validation: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => unknown
  /**
   * a body that is not JSON to a parser of acceptJsonOnly: `error.message` is already in the vendor's words
   * (a plugin on Fastify's own JSON parser, as the admin API is, gets its errors as client errors)
   */
  invalidJson?: (error: FastifyError, reply: FastifyReply) => unknown
  unsupportedMediaType: (request: FastifyRequest, reply: FastifyReply) => unknown
  tooLarge: (reply: FastifyReply) => unknown
  /** any other 4xx */
  clientError: (status: number, message: string, reply: FastifyReply) => unknown
  /** a bug: logged, then this */
  serverError: (reply: FastifyReply) => unknown
  /** errors of the vendor's own, tried first; `undefined` falls through */
  own?: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => unknown
}

/** Bytes and time a refused body is read for before its 413 goes out anyway (and the socket is closed). */
export const DRAIN_BYTES = 256 * 1024 * 1024
export const DRAIN_MS = 10_000

/**
 * A body refused as too large is read to its end (and thrown away) before the 413 is sent: answered
 * while the client is still sending, then closed, the client saw EPIPE or a reset instead of the 413.
 * A client sending more than DRAIN_BYTES, or for longer than DRAIN_MS, gets its 413 and the close.
 */
function drained (request: FastifyRequest): Promise<void> {
  const raw = request.raw
  if (raw.complete || raw.destroyed) return Promise.resolve()
  return new Promise(resolve => {
    let read = 0
    const done = () => { clearTimeout(timer); raw.off('data', count); resolve() }
    const count = (chunk: Buffer) => { read += chunk.length; if (read > DRAIN_BYTES) done() }
    const timer = setTimeout(done, DRAIN_MS)
    raw.on('data', count)
    raw.once('end', done)
    raw.once('close', done)
    raw.once('error', done)
    raw.resume()
  })
}

/** One error handler for every plugin, fed each one's shapes: no body ever leaves in Fastify's own shape. */
export function errorHandler (shapes: ErrorShapes, label: string) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const own = shapes.own?.(error, request, reply)
    if (own !== undefined) return own
    if (error.validation) return shapes.validation(error, request, reply)
    switch (error.code) {
      case ERROR_CODES.invalidJson:
        if (shapes.invalidJson) return shapes.invalidJson(error, reply)
        break // a 400 like any other client error
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': return shapes.unsupportedMediaType(request, reply)
      case 'FST_ERR_CTP_BODY_TOO_LARGE': return drained(request).then(() => shapes.tooLarge(reply))
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return shapes.clientError(error.statusCode, error.message, reply)
    request.log.error({ err: error }, `${label} failed`)
    // a route's own serializer (set before the failure, perhaps the failure itself) must not write the
    // error's body: Fastify would answer FST_ERR_FAILED_ERROR_SERIALIZATION in its own shape
    return shapes.serverError(reply.serializer(JSON.stringify))
  }
}
