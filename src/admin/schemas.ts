import { Type } from '@sinclair/typebox'
import { TenantName } from '../core/tenant-name'

export { FaultRule, FaultRuleInput } from '../core/faults'
export { JournalEntry } from '../core/journal'

/** The admin API's own schemas (not a vendor's): JSON in, JSON out. */

export const AdminError = Type.Object({ error: Type.String(), message: Type.String(), details: Type.Optional(Type.Array(Type.String())) })

export const TenantQuery = Type.Object({ tenant: Type.Optional(TenantName) })

export const ResetQuery = Type.Object({
  tenant: TenantQuery.properties.tenant,
  all: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')], { description: 'true: every tenant back to the fixture' }))
})

export const JournalQuery = Type.Object({
  tenant: TenantQuery.properties.tenant,
  method: Type.Optional(Type.String({ pattern: '^[A-Za-z]+$' })),
  path: Type.Optional(Type.String({ minLength: 1, description: 'glob: * within a segment, ** across, ? one character' })),
  status: Type.Optional(Type.String({ pattern: '^[1-5][0-9][0-9]$' })),
  since: Type.Optional(Type.String({ format: 'iso-date-time' })),
  limit: Type.Optional(Type.String({ pattern: '^[0-9]+$' }))
})

export const TokenRequest = Type.Object({
  sub: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  tenant: TenantQuery.properties.tenant,
  expiresIn: Type.Optional(Type.Union([Type.Integer({ minimum: 1, description: 'seconds' }), Type.String({ pattern: '^[0-9]+\\s*(ms|s|m|h|d)?$' })]))
}, { additionalProperties: false })
