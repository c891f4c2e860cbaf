import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { Fixture } from '../store/fixtures'
import { TenantQuery } from './schemas'

const fixturesRoutes: FastifyPluginAsyncTypebox = async app => {
  app.get('/fixtures', {
    schema: { tags: ['admin'], summary: "Export a tenant's state in the fixture format", querystring: TenantQuery, response: { 200: Fixture } }
  }, async request => app.store.exportFixture(request.query.tenant ?? 'default'))

  app.put('/fixtures', {
    schema: {
      tags: ['admin'],
      summary: "Replace a tenant's data with a fixture (checked whole first: a bad fixture changes nothing)",
      querystring: TenantQuery,
      body: Type.Unknown(),
      response: { 200: Type.Object({ tenant: Type.String(), loaded: Type.Record(Type.String(), Type.Integer()) }) }
    }
  }, async request => {
    const tenant = request.query.tenant ?? 'default'
    await app.store.write(() => app.store.loadFixture(tenant, request.body))
    const f = app.store.exportFixture(tenant)
    return {
      tenant,
      loaded: {
        integrations: f.neostra.integrations.length,
        scans: f.neostra.scans.length,
        scanProfiles: f.probely.scanProfiles.length,
        targets: f.probely.targets.length,
        scheduledScans: f.probely.scheduledScans.length
      }
    }
  })
}

export default fixturesRoutes
