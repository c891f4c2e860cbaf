import { STATUS_CODES } from 'node:http'
import type { FastifyReply } from 'fastify'
import type { AuthFailure } from '../../auth/jwt'

/** Neostra's paths: its reference pages' `/api/v1/...` and its guides' `/v1/...` (issue 18). */
export const isNeostraPath = (path: string) => path.startsWith('/api/') || path.startsWith('/v1/')

/** Neostra's error bodies: `{error, message, code}` for every status but 400, which uses the envelope. */
export const NOT_FOUND_MESSAGE = 'The requested resource was not found'

export function errorBody (status: number, message: string) {
  return { error: STATUS_CODES[status] ?? 'Error', message, code: status }
}

export function badRequestBody (errors: string[]) {
  return { status: 400, message: 'Bad Request', data: {}, errors }
}

export const sendError = (reply: FastifyReply, status: number, message: string) =>
  reply.code(status).type('application/json; charset=utf-8').send(errorBody(status, message))

export const sendNotFound = (reply: FastifyReply) => sendError(reply, 404, NOT_FOUND_MESSAGE)

export const sendBadRequest = (reply: FastifyReply, errors: string[]) =>
  reply.code(400).type('application/json; charset=utf-8').send(badRequestBody(errors))

export const AUTH_MESSAGES: Record<AuthFailure, string> = {
  missing: 'Missing Authorization header',
  scheme: 'Authorization header must use the Bearer scheme',
  empty: 'Missing bearer token',
  malformed: 'Malformed token',
  algorithm: 'Unsupported token algorithm',
  signature: 'Invalid token signature',
  expired: 'Token has expired',
  inactive: 'Token is not yet valid',
  claims: 'Token claims are invalid'
}

/** The body an injected fault answers with when its rule gives none: Neostra's shape for that status. */
export function neostraFaultBody (status: number): unknown {
  return status === 400 ? badRequestBody(['Bad Request']) : errorBody(status, STATUS_CODES[status] ?? 'Error')
}
