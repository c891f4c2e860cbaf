import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { DETAIL, sendDetail } from './errors'
import { paginateJson, sendPageJson } from './pagination'
import { serializeTarget } from './target.serializer'
import { Detail, Page, PageQuery, Target, TargetIdParams } from './schemas'

const security = [{ probelyJWT: [] }]
const errors = { 401: Detail, 404: Detail, 405: Detail, 406: Detail, 500: Detail }

/** Probely's targets, read-only: what clients list to find the target ids and `next_scan`. */
const targetsRoutes: FastifyPluginAsyncTypebox = async app => {
  const { targets } = app.store

  app.get('/targets/', {
    schema: { tags: ['probely'], summary: 'List targets', security, querystring: PageQuery, response: { 200: Page(Target), ...errors } }
  }, async (request, reply) => {
    const tenant = request.principal.tenant
    const json = await paginateJson(request.query, targets.count(tenant), (limit, offset) => targets.pageAnswers(tenant, limit, offset), serializeTarget)
    return sendPageJson(reply, json)
  })

  app.get('/targets/:id/', {
    schema: { tags: ['probely'], summary: 'Retrieve target', security, params: TargetIdParams, response: { 200: Target, ...errors } }
  }, async (request, reply) => {
    const target = targets.get(request.principal.tenant, request.params.id)
    return target ?? sendDetail(reply, 404, DETAIL.notFound)
  })
}

export default targetsRoutes
