import { STATUS_CODES } from 'node:http'
import type { FastifyReply } from 'fastify'
import type { AuthFailure } from '../../auth/jwt'
import type { FieldErrors } from './drf'

/** Probely speaks Django REST Framework: `{"detail": "..."}`, or field errors for a 400. */
export const DETAIL = {
  notFound: 'Not found.',
  invalidPage: 'Invalid page.',
  notAcceptable: 'Could not satisfy the request Accept header.',
  notProvided: 'Authentication credentials were not provided.',
  incorrect: 'Incorrect authentication credentials.',
  methodNotAllowed: (method: string) => `Method "${method}" not allowed.`,
  unsupportedMediaType: (type: string) => `Unsupported media type "${type}" in request.`,
  parseError: (why: string) => `JSON parse error - ${why}`,
  multipartParseError: (why: string) => `Multipart form parse error - ${why}`,
  tooLarge: (limit: number) => `Request body is larger than ${limit} bytes.`,
  serverError: 'Unexpected error while handling your request.'
} as const

/**
 * DRF's rest_framework_jwt returns no user when the header's keyword is not its own, so a wrong scheme
 * reads as "not provided", as no header at all does.
 */
export const authDetail = (failure: AuthFailure) =>
  failure === 'missing' || failure === 'scheme' ? DETAIL.notProvided : DETAIL.incorrect

export const sendDetail = (reply: FastifyReply, status: number, detail: string) =>
  reply.code(status).type('application/json').send({ detail })

export const sendFieldErrors = (reply: FastifyReply, errors: FieldErrors) =>
  reply.code(400).type('application/json').send(errors)

/** Thrown by the DRF validator compiler; carries DRF's field errors and what did parse. */
export class DrfValidationError extends Error {
  readonly statusCode = 400
  constructor (readonly fieldErrors: FieldErrors, readonly value: Record<string, unknown>) {
    super('Invalid input.')
  }
}

/** DRF's own detail for the statuses it raises; others read as the reason phrase. */
const DRF_DETAILS: Record<number, string> = {
  400: 'Bad request.',
  401: DETAIL.incorrect,
  403: 'You do not have permission to perform this action.',
  404: DETAIL.notFound,
  406: 'Could not satisfy the request Accept header.',
  429: 'Request was throttled.',
  500: DETAIL.serverError,
  503: 'Service temporarily unavailable, try again later.'
}

/** The body an injected fault answers with when its rule gives none: DRF's shape for that status. */
export function probelyFaultBody (status: number, method: string): unknown {
  if (status === 405) return { detail: DETAIL.methodNotAllowed(method) }
  return { detail: DRF_DETAILS[status] ?? `${STATUS_CODES[status] ?? 'Error'}.` }
}
