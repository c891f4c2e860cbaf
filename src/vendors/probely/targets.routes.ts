import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { DETAIL, sendDetail } from './errors'
import { pageBody, pageRequest } from './pagination'
import { Detail, Page, PageQuery, Target, TargetIdParams } from './schemas'

const security = [{ probelyJWT: [] }]
const errors = { 401: Detail, 404: Detail, 405: Detail, 500: Detail }

/** Probely's targets, read-only: what clients list to find the target ids and `next_scan`. */
const targetsRoutes: FastifyPluginAsyncTypebox = async app => {
  const { targets } = app.store

  app.get('/targets/', {
    schema: { tags: ['probely'], summary: 'List targets', security, querystring: PageQuery, response: { 200: Page(Target), ...errors } }
  }, async (request, reply) => {
    const tenant = request.principal.tenant
    const count = targets.count(tenant)
    const page = pageRequest(request.query, count)
    if (!page) return sendDetail(reply, 404, DETAIL.invalidPage)
    return pageBody(page, count, targets.page(tenant, page.length, page.offset))
  })

  app.get('/targets/:id/', {
    schema: { tags: ['probely'], summary: 'Retrieve target', security, params: TargetIdParams, response: { 200: Target, ...errors } }
  }, async (request, reply) => {
    const target = targets.get(request.principal.tenant, request.params.id)
    return target ?? sendDetail(reply, 404, DETAIL.notFound)
  })
}

export default targetsRoutes
