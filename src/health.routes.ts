import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'

export const Health = Type.Object({ status: Type.String(), database: Type.String() })

/** Liveness and readiness: 200 while the database answers a query, 503 when it does not. */
const healthRoutes: FastifyPluginAsyncTypebox = async app => {
  const ping = app.store.db.prepare('SELECT 1')
  app.get('/health', {
    schema: { tags: ['health'], summary: 'Liveness and readiness (no auth)', response: { 200: Health, 503: Health } }
  }, async (_request, reply) => {
    try {
      ping.get()
      return { status: 'ok', database: 'ok' }
    } catch (err) {
      return reply.code(503).send({ status: 'unavailable', database: (err as Error).message })
    }
  })
}

export default healthRoutes
