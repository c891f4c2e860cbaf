import type { FastifyInstance } from 'fastify'
import sjson from 'secure-json-parse'
import { ERROR_CODES } from './error-handler'
import { tooDeep } from './json-depth'

export interface JsonBodyOptions {
  /**
   * Reads the raw body in the vendor's own way (charset, number forms), throwing an Error whose message
   * `describe` then words; by default the body is UTF-8 text and JSON.parse's rules.
   */
  read?: (bytes: Buffer, charset: string | undefined, parse: typeof safeParse) => unknown
  /**
   * An empty body is no body whatever its Content-Type (DRF: 415 only when there is a body to parse);
   * by default only JSON may be sent, empty or not.
   */
  emptyBodyOfAnyType?: boolean
  // other Content-Types read as JSON (DRF: "*/*" and "application/*" match its JSON parser first)
  alsoJson?: RegExp
  /** the vendor's words for a body nested deeper than MAX_JSON_DEPTH (default: as any invalid JSON) */
  describeTooDeep?: (kind: 'object' | 'array') => string
}

/** JSON.parse without `__proto__` and `constructor` keys (dropped, as unknown fields are). */
export const safeParse = (text: string, reviver?: (key: string, value: unknown) => unknown): unknown =>
  sjson.parse(text, reviver as never, { protoAction: 'remove', constructorAction: 'remove' })

const charsetOf = (contentType: string | undefined) => /;\s*charset\s*=\s*("[^"]*"|[^;\s]*)/i.exec(contentType ?? '')?.[1]

/**
 * Makes JSON the only body a vendor plugin parses (every other media type is then a 415 for its error
 * handler). An empty body is no body; a body that is not JSON is a 400 with code SCANSTUB_INVALID_JSON and
 * the message `describe(body, why)` gives, in the vendor's words.
 */
export function acceptJsonOnly (app: FastifyInstance, describe: (body: string, why?: string) => string, options: JsonBodyOptions = {}): void {
  app.removeAllContentTypeParsers()
  const invalid = (message: string) => Object.assign(new Error(message), { statusCode: 400, code: ERROR_CODES.invalidJson })
  const parseJson = (request: { headers: Record<string, string | string[] | undefined> }, body: string | Buffer, done: (err: Error | null, body?: unknown) => void) => {
    const bytes = body as Buffer
    if (bytes.length === 0) return done(null, undefined)
    // brackets are ASCII in every charset a vendor reads, so latin1 measures the depth of any of them
    const deep = tooDeep(bytes.toString('latin1'))
    if (deep) return done(invalid(options.describeTooDeep ? options.describeTooDeep(deep) : describe('')), undefined)
    if (options.read) {
      try {
        return done(null, options.read(bytes, charsetOf(request.headers['content-type'] as string | undefined), safeParse))
      } catch (err) {
        return done(invalid(describe('', (err as Error).message)), undefined)
      }
    }
    const text = bytes.toString('utf8')
    try {
      done(null, safeParse(text))
    } catch {
      done(invalid(describe(text)), undefined)
    }
  }
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, parseJson)
  if (options.alsoJson) app.addContentTypeParser(options.alsoJson, { parseAs: 'buffer' }, parseJson)
  if (options.emptyBodyOfAnyType) {
    // any other type: no body is fine, a body is a 415 (Fastify's own error, which the error handler words)
    app.addContentTypeParser('*', (request, payload, done) => {
      const unsupported = () => Object.assign(new Error('Unsupported Media Type'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' })
      const length = request.headers['content-length']
      if (length !== undefined && length !== '0') return done(unsupported(), undefined)
      // no length announced (chunked): the first byte decides
      let settled = false
      const settle = (err: Error | null) => { if (!settled) { settled = true; done(err, undefined) } }
      payload.on('data', () => { settle(unsupported()); payload.resume() })
      payload.on('end', () => settle(null))
      payload.on('error', settle)
    })
  }
}
