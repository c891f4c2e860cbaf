import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { DETAIL, sendDetail } from './errors'
import { paginate } from './pagination'
import { Detail, Page, PageQuery, ScanProfile } from './schemas'

const scanProfilesRoutes: FastifyPluginAsyncTypebox = async app => {
  const { targets } = app.store

  app.get('/scan-profiles/', {
    schema: {
      tags: ['probely'], summary: 'List scan profiles', security: [{ probelyJWT: [] }], querystring: PageQuery,
      response: { 200: Page(ScanProfile), 401: Detail, 404: Detail, 405: Detail, 406: Detail, 500: Detail }
    }
  }, async (request, reply) => {
    const tenant = request.principal.tenant
    return paginate(request.query, targets.profileCount(tenant), (limit, offset) => targets.profilePage(tenant, limit, offset)) ??
      sendDetail(reply, 404, DETAIL.invalidPage)
  })
}

export default scanProfilesRoutes
