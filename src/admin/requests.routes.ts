import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type, type Static } from '@sinclair/typebox'
import type { JournalFilter } from '../core/journal'
import { JournalEntry, JournalQuery, TenantQuery } from './schemas'

const filterOf = (q: Static<typeof JournalQuery>): JournalFilter => ({
  tenant: q.tenant ?? 'default',
  method: q.method,
  path: q.path,
  status: q.status === undefined ? undefined : Number(q.status),
  since: q.since,
  limit: q.limit === undefined ? undefined : Number(q.limit)
})

/** The request journal, newest first, as WireMock's /__admin/requests. */
const requestsRoutes: FastifyPluginAsyncTypebox = async app => {
  const list = Type.Object({ requests: Type.Array(JournalEntry) })

  app.get('/requests', {
    schema: { tags: ['admin'], summary: 'The journal, newest first; filters method, path (glob), status, since, limit', querystring: JournalQuery, response: { 200: list } }
  }, async request => ({ requests: app.journal.find(filterOf(request.query)) }))

  app.get('/requests/count', {
    schema: { tags: ['admin'], summary: 'How many journaled requests match the filters', querystring: JournalQuery, response: { 200: Type.Object({ count: Type.Integer() }) } }
  }, async request => ({ count: app.journal.find({ ...filterOf(request.query), limit: undefined }).length }))

  app.get('/requests/unmatched', {
    schema: { tags: ['admin'], summary: 'Journaled requests that matched no route', querystring: JournalQuery, response: { 200: list } }
  }, async request => ({ requests: app.journal.find({ ...filterOf(request.query), unmatched: true }) }))

  app.delete('/requests', {
    schema: { tags: ['admin'], summary: "Clear a tenant's journal", querystring: TenantQuery, response: { 200: Type.Object({ cleared: Type.String() }) } }
  }, async request => {
    const tenant = request.query.tenant ?? 'default'
    app.journal.clear(tenant)
    return { cleared: tenant }
  })
}

export default requestsRoutes
