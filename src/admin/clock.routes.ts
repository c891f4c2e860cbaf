import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { ClockError, MAX_ADVANCE_MS } from '../core/clock'
import { sendAdminError } from './errors'
import { TenantQuery } from './schemas'

export const ClockState = Type.Object({
  now: Type.String({ description: 'the tenant clock, ISO 8601 UTC' }),
  mode: Type.Union([Type.Literal('real'), Type.Literal('frozen')]),
  events: Type.Optional(Type.Integer({ description: 'events the call ran' })),
  limited: Type.Optional(Type.Boolean({ description: 'true: the per-call event limit stopped the clock at the last event run; advance again' }))
})

export const ClockCommand = Type.Object({
  advanceMs: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_ADVANCE_MS, description: 'freeze (if real), then move on this far, running every event of the span in time order' })),
  to: Type.Optional(Type.String({ format: 'iso-date-time', description: 'set and freeze: a jump, events in between run late (schedules skip them)' })),
  mode: Type.Optional(Type.Literal('real', { description: 'run on in real time from the clock\'s time' }))
}, { additionalProperties: false })

/** The tenant clock of contract section 7: read it, advance it, set it, let it run. */
const clockRoutes: FastifyPluginAsyncTypebox = async app => {
  app.get('/clock', {
    schema: { tags: ['admin'], summary: "Read a tenant's clock", querystring: TenantQuery, response: { 200: ClockState } }
  }, async request => app.clocks.state(request.query.tenant ?? 'default'))

  app.post('/clock', {
    schema: {
      tags: ['admin'],
      summary: "Drive a tenant's clock: {advanceMs}, {to} or {mode: \"real\"}",
      querystring: TenantQuery,
      body: ClockCommand,
      response: { 200: ClockState }
    }
  }, async (request, reply) => {
    const tenant = request.query.tenant ?? 'default'
    const body = request.body ?? {}
    const given = (['advanceMs', 'to', 'mode'] as const).filter(k => body[k] !== undefined)
    if (given.length !== 1) return sendAdminError(reply, 400, 'Bad Request', 'send exactly one of advanceMs, to, mode')
    app.tenants.ensure(tenant)
    try {
      if (body.advanceMs !== undefined) return await app.clocks.advance(tenant, body.advanceMs)
      if (body.to !== undefined) return await app.clocks.set(tenant, Date.parse(body.to))
      return await app.clocks.real(tenant)
    } catch (err) {
      if (err instanceof ClockError) return sendAdminError(reply, 400, 'Bad Request', err.message)
      throw err
    }
  })
}

export default clockRoutes
