import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { lifetimeSeconds } from '../core/duration'
import { sendAdminError } from './errors'
import { TokenRequest } from './schemas'

const tokensRoutes: FastifyPluginAsyncTypebox = async app => {
  app.post('/tokens', {
    schema: {
      tags: ['admin'],
      summary: 'Mint a JWT both vendors accept: {sub, email, name, tenant, expiresIn}',
      body: TokenRequest,
      response: { 201: Type.Object({ token: Type.String() }) }
    }
  }, async (request, reply) => {
    const { expiresIn, ...claims } = request.body ?? {}
    const lifetime = expiresIn === undefined ? undefined : lifetimeSeconds(expiresIn)
    if (expiresIn !== undefined && lifetime === undefined) {
      return sendAdminError(reply, 400, 'Bad Request', `expiresIn must be a lifetime of at least one second, as seconds or a duration such as "15m" (got ${JSON.stringify(expiresIn)})`)
    }
    return reply.code(201).send({ token: app.mintToken(claims, lifetime) })
  })
}

export default tokensRoutes
