import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { DEFAULT_TENANT } from '../core/tenant-name'
import { fixtureSchema, type FixtureOwner } from '../store/fixtures'
import { AdminError, TenantQuery } from './schemas'

const fixturesRoutes: FastifyPluginAsyncTypebox<{ owners: readonly FixtureOwner[], bodyLimit?: number }> = async (app, { owners, bodyLimit }) => {
  app.get('/fixtures', {
    schema: { tags: ['admin'], summary: "Export a tenant's state in the fixture format", querystring: TenantQuery, response: { 200: fixtureSchema(owners) } }
  }, async request => app.tenants.exportFixture(request.query.tenant ?? DEFAULT_TENANT))

  app.put('/fixtures', {
    // FIXTURE_BODY_LIMIT, not the vendors' 1 MiB: a 100,000-record fixture is ~70 MB
    // Stryker disable next-line ConditionalExpression: Fastify reads bodyLimit: undefined as no limit of the route's own, as when left out
    ...(bodyLimit === undefined ? {} : { bodyLimit }),
    schema: {
      tags: ['admin'],
      summary: "Replace a tenant's data with a fixture (checked whole first: a bad fixture changes nothing)",
      querystring: TenantQuery,
      body: Type.Unknown(),
      response: {
        413: AdminError,
        200: Type.Object({
          tenant: Type.String(),
          loaded: Type.Record(Type.String(), Type.Integer(), { description: 'records loaded of each kind (named <vendor>.<kind> where two vendors share a kind)' })
        })
      }
    }
  }, async request => {
    const tenant = request.query.tenant ?? DEFAULT_TENANT
    await app.store.write(() => app.tenants.loadFixture(tenant, request.body))
    const counts = app.tenants.counts(app.tenants.exportFixture(tenant))
    // one flat record of counts, as this route has always answered; a kind two vendors share is named by vendor
    const kinds = Object.values(counts).flatMap(c => Object.keys(c))
    const loaded: Record<string, number> = {}
    for (const [vendor, byKind] of Object.entries(counts)) {
      for (const [kind, n] of Object.entries(byKind)) loaded[kinds.filter(k => k === kind).length > 1 ? `${vendor}.${kind}` : kind] = n
    }
    return { tenant, loaded }
  })
}

export default fixturesRoutes
