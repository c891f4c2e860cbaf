import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { Envelope, ErrorBody, Integration } from './schemas'

const integrationsRoutes: FastifyPluginAsyncTypebox = async app => {
  app.get('/integrations', {
    schema: {
      tags: ['neostra'],
      summary: 'List integrations',
      security: [{ neostraBearer: [] }],
      response: { 200: Envelope(Type.Array(Integration)), 401: ErrorBody, 405: ErrorBody, 500: ErrorBody }
    }
  }, async request => ({ status: 200, message: 'Success', data: app.store.neostra.listIntegrations(request.principal.tenant), errors: [] }))
}

export default integrationsRoutes
