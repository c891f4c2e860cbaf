import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { FaultRuleError } from '../core/faults'
import { sendAdminError } from './errors'
import { FaultRule, FaultRuleInput, FaultTenantQuery } from './schemas'

const faultsRoutes: FastifyPluginAsyncTypebox = async app => {
  app.post('/faults', {
    schema: {
      tags: ['admin'],
      summary: 'Add a fault rule: match method, path glob, query, headers, body; answer {status, body?, headers?}, a delay or latency, {reset: true}, {kind}, {dribbleMs} or a {sequence}',
      description: 'The rule is checked by the same function as the in-process entry\'s fault(): the body is taken as is and every problem named.',
      querystring: FaultTenantQuery,
      // documented with the rule's schema; checked (once, the same way for both entries) by faults.add
      body: Type.Unsafe<unknown>({ ...FaultRuleInput }),
      response: { 201: FaultRule }
    },
    // the one validation is checkFaultRule's: the route's own validator would answer first, in other words
    // Stryker disable next-line BooleanLiteral: Fastify reads a validator's false as an error only with its `errors` set; none are, so false passes too
    validatorCompiler: () => () => true
  }, async (request, reply) => {
    try {
      return reply.code(201).send(app.faults.add(request.body, request.query.tenant ?? 'default'))
    } catch (err) {
      if (err instanceof FaultRuleError) return sendAdminError(reply, 400, 'Bad Request', err.message, err.problems)
      throw err
    }
  })

  app.get('/faults', {
    schema: { tags: ['admin'], summary: "A tenant's fault rules (\"*\": the rules for every tenant)", querystring: FaultTenantQuery, response: { 200: Type.Object({ faults: Type.Array(FaultRule) }) } }
  }, async request => ({ faults: app.faults.list(request.query.tenant ?? 'default') }))

  app.delete('/faults', {
    schema: { tags: ['admin'], summary: "Delete a tenant's fault rules", querystring: FaultTenantQuery, response: { 200: Type.Object({ deleted: Type.Integer() }) } }
  }, async request => ({ deleted: app.faults.remove(request.query.tenant ?? 'default') }))

  app.delete('/faults/:id', {
    schema: { tags: ['admin'], summary: 'Delete one fault rule', params: Type.Object({ id: Type.String() }), querystring: FaultTenantQuery, response: { 200: Type.Object({ deleted: Type.Integer() }) } }
  }, async (request, reply) => {
    const deleted = app.faults.remove(request.query.tenant ?? 'default', request.params.id)
    return deleted ? { deleted } : sendAdminError(reply, 404, 'Not Found', `no fault rule ${request.params.id}`)
  })
}

export default faultsRoutes
