import type { FastifyRequest, FastifySchemaValidationError } from 'fastify'
import { CONFIG_MAX_BYTES } from './schemas'

/** One Neostra error string per problem, field first: `schedule: must be a valid cron expression`. */
export function describeValidationError (e: FastifySchemaValidationError): string {
  const params = e.params as Record<string, unknown>
  const field = e.keyword === 'required'
    ? String(params.missingProperty)
    : e.instancePath.split('/')[1] || 'body'
  return `${field}: ${describeProblem(e)}`
}

function describeProblem (e: FastifySchemaValidationError): string {
  const params = e.params as Record<string, unknown>
  switch (e.keyword) {
    case 'format': return params.format === 'cron' ? 'must be a valid cron expression' : `must be a valid ${params.format}`
    case 'x-max-serialized-bytes': return `must be at most ${CONFIG_MAX_BYTES} bytes when serialised as JSON`
    case 'type': return `must be ${String(params.type).split(',').join(' or ')}`
    case 'required': return 'is required'
    default: return e.message ?? 'is invalid'
  }
}

/** Field names sent that the schema does not know (reported under STRICT=1). */
export function unknownFields (body: object, known: Record<string, unknown>): string[] {
  return Object.keys(body).filter(k => !Object.hasOwn(known, k)).map(k => `${k}: is not a known field`)
}

/**
 * The shape problems of a route validated with `attachValidation` (one string each, deduplicated), so the
 * handler can add the problems only it can see (references, duplicates) and answer them all in one 400.
 */
export function shapeProblems (request: FastifyRequest): string[] {
  const validation = (request.validationError as { validation?: FastifySchemaValidationError[] } | undefined)?.validation
  return validation ? [...new Set(validation.map(describeValidationError))] : []
}

/** The body as an object whatever was sent (a refused body may be an array or a scalar). */
export const bodyObject = (body: unknown): Record<string, unknown> =>
  body !== null && typeof body === 'object' && !Array.isArray(body) ? body as Record<string, unknown> : {}
