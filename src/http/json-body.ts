import type { FastifyInstance } from 'fastify'
import sjson from 'secure-json-parse'
import { ERROR_CODES } from './error-handler'
import { tooDeep } from './json-depth'

/**
 * Makes JSON the only body a vendor plugin parses (every other media type is then a 415 for its error
 * handler). An empty body is no body; `__proto__` and `constructor` keys are dropped, as unknown
 * fields are; a body that is not JSON is a 400 with code SCANSTUB_INVALID_JSON and the message
 * `describe(body)` gives, in the vendor's words.
 */
export function acceptJsonOnly (app: FastifyInstance, describe: (body: string) => string,
  describeTooDeep: (kind: 'object' | 'array') => string = () => describe('')): void {
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    if (body === '') return done(null, undefined)
    const deep = tooDeep(body as string)
    if (deep) return done(Object.assign(new Error(describeTooDeep(deep)), { statusCode: 400, code: ERROR_CODES.invalidJson }), undefined)
    try {
      done(null, sjson.parse(body as string, undefined, { protoAction: 'remove', constructorAction: 'remove' }))
    } catch {
      done(Object.assign(new Error(describe(body as string)), { statusCode: 400, code: ERROR_CODES.invalidJson }), undefined)
    }
  })
}
