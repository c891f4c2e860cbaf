import type { FastifyReply } from 'fastify'
import { errorHandler } from '../http/error-handler'
import { FixtureError } from '../store/fixtures'

/** The admin API's one error shape: `{error, message, details?}`. */
export const sendAdminError = (reply: FastifyReply, status: number, error: string, message: string, details?: string[]) =>
  reply.code(status).send(details ? { error, message, details } : { error, message })

// Stryker disable next-line StringLiteral: the label of a log line ("admin call failed"), not of an answer
const LOG_LABEL = 'admin call'

export const adminErrorHandler = errorHandler({
  own: (error, _request, reply) =>
    error instanceof FixtureError ? sendAdminError(reply, 400, 'Bad Request', 'fixture refused', error.problems) : undefined,
  validation: (error, _request, reply) => {
    const details = error.validation!.map(e => `${error.validationContext}${e.instancePath} ${e.message}`)
    return sendAdminError(reply, 400, 'Bad Request', details.join('; '), details)
  },
  unsupportedMediaType: (_request, reply) => sendAdminError(reply, 415, 'Unsupported Media Type', 'admin bodies are application/json'),
  tooLarge: reply => {
    const limit = reply.request.routeOptions.bodyLimit
    const setting = reply.request.routeOptions.url?.endsWith('/fixtures') ? ' (FIXTURE_BODY_LIMIT)' : ''
    return sendAdminError(reply, 413, 'Payload Too Large', `the body is larger than ${limit} bytes${setting}`)
  },
  clientError: (status, message, reply) => sendAdminError(reply, status, 'Bad Request', message),
  serverError: reply => sendAdminError(reply, 500, 'Internal Server Error', 'admin call failed')
}, LOG_LABEL)
