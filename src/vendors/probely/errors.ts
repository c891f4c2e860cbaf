import type { FastifyReply } from 'fastify'
import type { AuthFailure } from '../../auth/jwt'
import type { FieldErrors } from './drf'

/** Probely speaks Django REST Framework: `{"detail": "..."}`, or field errors for a 400. */
export const DETAIL = {
  notFound: 'Not found.',
  invalidPage: 'Invalid page.',
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
