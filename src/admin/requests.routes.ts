import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type, type Static } from '@sinclair/typebox'
import type { JournalFilter } from '../core/journal'
import { nearMiss, type MissContext } from '../core/near-misses'
import { schemeOf } from '../core/redact'
import type { VendorModule } from '../vendors/vendor-module'
import { sendAdminError } from './errors'
import { JournalEntry, JournalQuery, JournalTenantQuery, NearMissEntry, WaitQuery } from './schemas'

export const filterOf = (q: Static<typeof JournalQuery>): JournalFilter => ({
  tenant: q.tenant ?? 'default',
  method: q.method,
  path: q.path,
  status: q.status === undefined ? undefined : Number(q.status),
  since: q.since,
  // Stryker disable next-line ConditionalExpression: Number(undefined) is NaN, and the journal's `length >= NaN` never stops a search, as no limit
  limit: q.limit === undefined ? undefined : Number(q.limit)
})

/** The request journal, newest first, as WireMock's /__admin/requests. */
const requestsRoutes: FastifyPluginAsyncTypebox<{ vendors: readonly VendorModule[] }> = async (app, { vendors }) => {
  // each vendor's lookups, prepared once; the owner of a path as the app decides it (the last owns the rest)
  const owners = vendors.map(v => ({ owns: v.ownsPath, schemes: v.nearMisses?.schemes, tenantsHolding: v.nearMisses?.tenantsHolding?.(app.store.db) }))
  const contextOf = (entry: { path: string, status: number, tenant: string, headers: Record<string, unknown> }): MissContext => {
    // Stryker disable next-line ArithmeticOperator: the last vendor owns every path no other does, so find always finds one
    const owner = owners.find(o => o.owns(entry.path)) ?? owners[owners.length - 1]
    // Stryker disable next-line OptionalChaining: as above, owner is always a vendor
    return { status: entry.status, tenant: entry.tenant, scheme: schemeOf(entry.headers.authorization), schemes: owner?.schemes, tenantsHolding: owner?.tenantsHolding }
  }
  const list = Type.Object({ requests: Type.Array(JournalEntry) })

  app.get('/requests', {
    schema: { tags: ['admin'], summary: 'The journal, newest first; filters method, path (glob), status, since, limit', querystring: JournalQuery, response: { 200: list } }
  }, async request => ({ requests: app.journal.find(filterOf(request.query)) }))

  app.get('/requests/count', {
    schema: { tags: ['admin'], summary: 'How many journaled requests match the filters', querystring: JournalQuery, response: { 200: Type.Object({ count: Type.Integer() }) } }
  }, async request => ({ count: app.journal.count(filterOf(request.query)) }))

  app.get('/requests/unmatched', {
    schema: { tags: ['admin'], summary: 'Journaled requests that matched no route', querystring: JournalQuery, response: { 200: list } }
  }, async request => ({ requests: app.journal.find({ ...filterOf(request.query), unmatched: true }) }))

  app.get('/requests/wait', {
    schema: {
      tags: ['admin'],
      summary: 'Wait until count entries match (200 with them), or timeoutMs (408 with what matched)',
      querystring: WaitQuery,
      response: { 200: list, 408: list, 429: Type.Object({ error: Type.String(), message: Type.String() }) }
    }
  }, async (request, reply) => {
    const { count, timeoutMs, ...query } = request.query
    try {
      const { timedOut, requests } = await app.journal.wait(filterOf(query), count === undefined ? 1 : Number(count), timeoutMs === undefined ? 5000 : Number(timeoutMs))
      return reply.code(timedOut ? 408 : 200).send({ requests })
    } catch (err) {
      if (err instanceof RangeError) return sendAdminError(reply, 429, 'Too Many Requests', err.message)
      throw err
    }
  })

  app.get('/requests/near-misses', {
    schema: {
      tags: ['admin'],
      summary: 'Unmatched or refused requests, each with the closest route and why it did not match',
      querystring: JournalQuery,
      response: { 200: Type.Object({ requests: Type.Array(NearMissEntry) }) }
    }
  }, async request => ({
    requests: app.journal.find({ ...filterOf(request.query), missed: true }).flatMap(entry => {
      // Stryker disable next-line ConditionalExpression,StringLiteral: events are journaled matched with status 0, which the `missed` filter never returns; a second guard
      if (entry.method === 'EVENT') return []
      const miss = entry.matched
        ? nearMiss(app.vendorRoutes, entry.method, entry.path, entry.refused, contextOf(entry))
        : nearMiss(app.vendorRoutes, entry.method, entry.path)
      return miss ? [{ ...entry, ...miss }] : []
    })
  }))

  app.delete('/requests', {
    schema: { tags: ['admin'], summary: "Clear a tenant's journal", querystring: JournalTenantQuery, response: { 200: Type.Object({ cleared: Type.String() }) } }
  }, async request => {
    const tenant = request.query.tenant ?? 'default'
    app.journal.clear(tenant)
    return { cleared: tenant }
  })
}

export default requestsRoutes
