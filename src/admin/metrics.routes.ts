import type { FastifyInstance } from 'fastify'
import { Type } from '@sinclair/typebox'
import { guardWithAdminToken } from './guard'
import { AdminError } from './schemas'

/** `GET /metrics`: Prometheus' text format, off /__admin (where scrapers look) behind the same guard. */
export default async function metricsRoutes (app: FastifyInstance, options: { adminToken?: string }) {
  guardWithAdminToken(app, options.adminToken)
  app.get('/metrics', { schema: { tags: ['admin'], summary: 'Prometheus metrics: requests by vendor, route and status; latency; faults fired; tenants; journal size', response: { 200: { description: 'Prometheus text exposition format', content: { 'text/plain': { schema: Type.String() } } }, 401: AdminError }, ...(options.adminToken ? { security: [{ adminToken: [] }] } : {}) } }, async (_request, reply) => {
    reply.type(app.metrics.registry.contentType)
    return app.metrics.registry.metrics()
  })
}
