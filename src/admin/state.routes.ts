import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { DEFAULT_TENANT } from '../core/tenant-name'
import { Health, healthHandler } from '../health.routes'
import { ResetQuery } from './schemas'

const stateRoutes: FastifyPluginAsyncTypebox<{ healthProbeEveryMs?: number }> = async (app, options) => {
  app.get('/health', {
    schema: { tags: ['admin'], summary: 'Liveness and readiness', response: { 200: Health, 503: Health } }
  }, healthHandler(app, options.healthProbeEveryMs))

  app.post('/reset', {
    schema: {
      tags: ['admin'],
      summary: 'Back to the configured fixture: one tenant (?tenant=, default "default") or all (?all=true); clears its journal and faults; its clock back to real time',
      querystring: ResetQuery,
      response: { 200: Type.Object({ reset: Type.Array(Type.String()) }) }
    }
  }, async request => {
    if (request.query.all === 'true') {
      const tenants = app.tenants.list()
      await app.store.write(() => app.tenants.reset())
      app.journal.clear()
      app.faults.clear()
      return { reset: tenants }
    }
    const tenant = request.query.tenant ?? DEFAULT_TENANT
    await app.store.write(() => app.tenants.reset(tenant))
    app.journal.clear(tenant)
    app.faults.remove(tenant)
    return { reset: [tenant] }
  })
}

export default stateRoutes
