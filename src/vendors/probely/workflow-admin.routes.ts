import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { StringEnum } from '../../schema-helpers'
import type { FastifyReply } from 'fastify'
import { renderScan } from './scans.render'
import { OUTCOMES, ProbelySettings, Scan, SCAN_STATUSES } from './scans.schemas'
import { completeSettings } from './settings.repo'
import { ScanRefusal } from './workflow'

const Tenant = Type.Optional(Type.String({ pattern: '^[A-Za-z0-9._-]{1,64}$', description: 'tenant to act on (default "default")' }))
/** The admin API's error shape (the admin plugin documents it on every route) */
const sendAdminError = (reply: FastifyReply, status: number, error: string, message: string) => reply.code(status).send({ error, message })

/**
 * The test's view of Probely's workflows (contract section 7), under /__admin/probely: scans of a tenant,
 * its settings, finishing a scan.
 */
const probelyWorkflowRoutes: FastifyPluginAsyncTypebox = async app => {
  const { repos, scans: workflow } = app.store.probelyEngine(app.clocks)
  const render = (tenant: string, s: Parameters<typeof renderScan>[0]) => renderScan(s, app.store.targets.getStored(tenant, s.target)!)

  app.get('/scans', {
    schema: {
      tags: ['admin'], summary: "A tenant's Probely scans, oldest first (filters: targetId, status)",
      querystring: Type.Object({ tenant: Tenant, targetId: Type.Optional(Type.String()), status: Type.Optional(StringEnum(SCAN_STATUSES)) }),
      response: { 200: Type.Object({ scans: Type.Array(Scan) }) }
    }
  }, async request => {
    const tenant = request.query.tenant ?? 'default'
    app.tenants.ensure(tenant)
    const { targetId, status } = request.query
    const all = targetId === undefined ? repos.scans.all(tenant) : repos.scans.ofTarget(tenant, targetId)
    return { scans: all.filter(s => status === undefined || s.status === status).map(s => render(tenant, s)) }
  })

  app.post('/scans/:id/finish', {
    schema: {
      tags: ['admin'], summary: 'End a running scan now with the outcome given (its findings recorded when completed)',
      querystring: Type.Object({ tenant: Tenant }),
      params: Type.Object({ id: Type.String() }),
      body: Type.Object({ outcome: StringEnum([...OUTCOMES, 'canceled'] as const) }, { additionalProperties: false }),
      response: { 200: Scan }
    }
  }, async (request, reply) => {
    const tenant = request.query.tenant ?? 'default'
    app.tenants.ensure(tenant)
    try {
      const scan = await app.store.write(() => workflow.finish(tenant, request.params.id, request.body.outcome))
      return scan ? render(tenant, scan) : sendAdminError(reply, 404, 'Not Found', `no Probely scan ${request.params.id} in tenant ${tenant}`)
    } catch (err) {
      if (err instanceof ScanRefusal) return sendAdminError(reply, 400, 'Bad Request', err.message)
      throw err
    }
  })

  app.get('/settings', {
    schema: { tags: ['admin'], summary: "A tenant's Probely durations and outcomes", querystring: Type.Object({ tenant: Tenant }), response: { 200: ProbelySettings } }
  }, async request => {
    const tenant = request.query.tenant ?? 'default'
    app.tenants.ensure(tenant)
    return repos.settings.get(tenant)
  })

  app.put('/settings', {
    schema: {
      tags: ['admin'], summary: "Replace a tenant's Probely durations and outcomes (what is left out takes the default); steps already on the clock keep their time",
      querystring: Type.Object({ tenant: Tenant }),
      body: Type.Object({
        durations: Type.Optional(Type.Partial(ProbelySettings.properties.durations)),
        outcomes: Type.Optional(Type.Partial(ProbelySettings.properties.outcomes))
      }, { additionalProperties: false }),
      response: { 200: ProbelySettings }
    }
  }, async request => {
    const tenant = request.query.tenant ?? 'default'
    app.tenants.ensure(tenant)
    const settings = completeSettings(request.body)
    await app.store.write(() => repos.settings.put(tenant, settings))
    return settings
  })
}

export default probelyWorkflowRoutes
