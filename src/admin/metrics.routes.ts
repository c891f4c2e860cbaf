import type { FastifyInstance } from 'fastify'
import { guardWithAdminToken } from './guard'

/** `GET /metrics`: Prometheus' text format, off /__admin (where scrapers look) behind the same guard. */
export default async function metricsRoutes (app: FastifyInstance, options: { adminToken?: string }) {
  guardWithAdminToken(app, options.adminToken)
  app.get('/metrics', { schema: { tags: ['admin'], summary: 'Prometheus metrics: requests by vendor, route and status; latency; faults fired; tenants; journal size', hide: false } }, async (_request, reply) => {
    reply.type(app.metrics.registry.contentType)
    return app.metrics.registry.metrics()
  })
}
