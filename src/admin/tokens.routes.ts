import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
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
    // a number, or a string of digits, is seconds; otherwise a duration such as "15m" or "12h"
    const lifetime = expiresIn === undefined
      ? undefined
      : /^\d+$/.test(String(expiresIn)) ? Number(expiresIn) : String(expiresIn).replace(/\s+/g, '')
    return reply.code(201).send({ token: app.mintToken(claims, lifetime) })
  })
}

export default tokensRoutes
