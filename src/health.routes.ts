import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Db } from './store/db'

export const Health = Type.Object({ status: Type.String(), database: Type.String() })

/** Liveness and readiness: 200 while the database answers a query, 503 when it does not. */
export function healthHandler (db: Db) {
  const ping = db.prepare('SELECT 1')
  return async (_request: FastifyRequest, reply: FastifyReply) => {
    try {
      ping.get()
      return { status: 'ok', database: 'ok' }
    } catch (err) {
      return reply.code(503).send({ status: 'unavailable', database: (err as Error).message })
    }
  }
}

const healthRoutes: FastifyPluginAsyncTypebox = async app => {
  app.get('/health', {
    schema: { tags: ['health'], summary: 'Liveness and readiness (no auth)', response: { 200: Health, 503: Health } }
  }, healthHandler(app.store.db))
}

export default healthRoutes
