import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { sendAdminError } from './errors'

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a); const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** ADMIN_TOKEN's guard, one for /__admin and /metrics: `Authorization: Bearer <ADMIN_TOKEN>`, compared in constant time. */
export function guardWithAdminToken (app: FastifyInstance, expected: string | undefined): void {
  if (!expected) return
  app.addHook('onRequest', async (request, reply) => {
    // Stryker disable next-line StringLiteral: a missing header read as any text other than '<scheme> <token>' with the Bearer scheme is refused the same
    const [scheme, token] = (request.headers.authorization ?? '').trim().split(/\s+/)
    // Stryker disable next-line OptionalChaining: split always gives at least one word ('' for an empty header)
    if (scheme?.toLowerCase() !== 'bearer' || !token || !sameSecret(token, expected)) {
      return sendAdminError(reply, 401, 'Unauthorized', 'admin calls need Authorization: Bearer <ADMIN_TOKEN>')
    }
  })
}
