import { Type, type Static } from '@sinclair/typebox'

/** The admin API's own schemas (not a vendor's): JSON in, JSON out. */

export const AdminError = Type.Object({ error: Type.String(), message: Type.String(), details: Type.Optional(Type.Array(Type.String())) })

export const TenantQuery = Type.Object({
  tenant: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9._-]{1,64}$', description: 'tenant to act on (default "default")' }))
})

export const ResetQuery = Type.Object({
  tenant: TenantQuery.properties.tenant,
  all: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')], { description: 'true: every tenant back to the fixture' }))
})

export const JournalQuery = Type.Object({
  tenant: TenantQuery.properties.tenant,
  method: Type.Optional(Type.String({ pattern: '^[A-Za-z]+$' })),
  path: Type.Optional(Type.String({ minLength: 1, description: 'glob: * within a segment, ** across, ? one character' })),
  status: Type.Optional(Type.String({ pattern: '^[1-5][0-9][0-9]$' })),
  since: Type.Optional(Type.String({ format: 'date-time' })),
  limit: Type.Optional(Type.String({ pattern: '^[0-9]+$' }))
})

export const JournalEntry = Type.Object({
  id: Type.Integer(),
  time: Type.String(),
  tenant: Type.String(),
  method: Type.String(),
  path: Type.String(),
  query: Type.Record(Type.String(), Type.Unknown()),
  headers: Type.Record(Type.String(), Type.Unknown()),
  body: Type.Unknown(),
  status: Type.Integer(),
  durationMs: Type.Number(),
  matched: Type.Boolean()
})

export const FaultRuleInput = Type.Object({
  method: Type.Optional(Type.String({ pattern: '^[A-Za-z]+$' })),
  path: Type.String({ minLength: 1, description: 'path glob, e.g. /api/v1/scans/* or /targets/**' }),
  tenant: TenantQuery.properties.tenant,
  status: Type.Optional(Type.Integer({ minimum: 100, maximum: 599 })),
  body: Type.Optional(Type.Unknown({ description: "answer body; default: the vendor's error shape for status" })),
  delayMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 60_000 })),
  reset: Type.Optional(Type.Boolean({ description: 'drop the connection' })),
  times: Type.Optional(Type.Integer({ minimum: 1, description: 'fire this many times, then retire (default: until deleted)' })),
  probability: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
  seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295, description: 'makes probability repeatable' })),
  ttlMs: Type.Optional(Type.Integer({ minimum: 1, description: 'the rule expires after this long' }))
}, { additionalProperties: false })
export type FaultRuleInput = Static<typeof FaultRuleInput>

export const FaultRule = Type.Object({
  ...FaultRuleInput.properties,
  id: Type.String(),
  tenant: Type.String(),
  createdAt: Type.String(),
  expiresAt: Type.Optional(Type.String()),
  hits: Type.Integer()
})

export const TokenRequest = Type.Object({
  sub: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  tenant: TenantQuery.properties.tenant,
  expiresIn: Type.Optional(Type.Union([Type.Integer({ minimum: 1, description: 'seconds' }), Type.String({ pattern: '^[0-9]+\\s*(ms|s|m|h|d)?$' })]))
}, { additionalProperties: false })
