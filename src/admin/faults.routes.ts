import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { sendAdminError } from './errors'
import { FaultRule, FaultRuleInput, TenantQuery } from './schemas'

const faultsRoutes: FastifyPluginAsyncTypebox = async app => {
  app.post('/faults', {
    schema: {
      tags: ['admin'],
      summary: 'Add a fault rule: answer {status, body?}, wait {delayMs}, or drop the connection {reset: true}',
      body: FaultRuleInput,
      response: { 201: FaultRule }
    }
  }, async (request, reply) => {
    const rule = request.body
    if (rule.status === undefined && rule.delayMs === undefined && !rule.reset) {
      return sendAdminError(reply, 400, 'Bad Request', 'a fault rule needs status, delayMs or reset: true')
    }
    if (rule.reset && rule.status !== undefined) return sendAdminError(reply, 400, 'Bad Request', 'a fault rule cannot both reset the connection and answer a status')
    if (rule.seed !== undefined && rule.probability === undefined) return sendAdminError(reply, 400, 'Bad Request', 'seed goes with probability')
    return reply.code(201).send(app.faults.add(rule))
  })

  app.get('/faults', {
    schema: { tags: ['admin'], summary: "A tenant's fault rules", querystring: TenantQuery, response: { 200: Type.Object({ faults: Type.Array(FaultRule) }) } }
  }, async request => ({ faults: app.faults.list(request.query.tenant ?? 'default') }))

  app.delete('/faults', {
    schema: { tags: ['admin'], summary: "Delete a tenant's fault rules", querystring: TenantQuery, response: { 200: Type.Object({ deleted: Type.Integer() }) } }
  }, async request => ({ deleted: app.faults.remove(request.query.tenant ?? 'default') }))

  app.delete('/faults/:id', {
    schema: { tags: ['admin'], summary: 'Delete one fault rule', params: Type.Object({ id: Type.String() }), querystring: TenantQuery, response: { 200: Type.Object({ deleted: Type.Integer() }) } }
  }, async (request, reply) => {
    const deleted = app.faults.remove(request.query.tenant ?? 'default', request.params.id)
    return deleted ? { deleted } : sendAdminError(reply, 404, 'Not Found', `no fault rule ${request.params.id}`)
  })
}

export default faultsRoutes
