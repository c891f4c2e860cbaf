import { Type } from '@sinclair/typebox'
import { TenantName } from '../core/tenant-name'
import { JournalEntry } from '../core/journal'

import { ANONYMOUS_TENANT } from '../core/journal'
import { ANY_TENANT } from '../core/faults'

export { FaultRule, FaultRuleInput } from '../core/faults'
export { JournalEntry }

/** The admin API's own schemas (not a vendor's): JSON in, JSON out. */

export const AdminError = Type.Object({ error: Type.String(), message: Type.String(), details: Type.Optional(Type.Array(Type.String())) })

export const TenantQuery = Type.Object({ tenant: Type.Optional(TenantName) })

export const ResetQuery = Type.Object({
  tenant: TenantQuery.properties.tenant,
  all: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')], { description: 'true: every tenant back to the fixture' }))
})

/** The journal's tenants: a tenant's name, or the share of unverified traffic. */
export const JournalTenantQuery = Type.Object({
  tenant: Type.Optional(Type.Union([TenantName, Type.Literal(ANONYMOUS_TENANT)], { description: `tenant (default "default"); "${ANONYMOUS_TENANT}": requests whose token did not verify` }))
})

/** Fault rules' tenants: a tenant's name, or "*" (rules for every tenant). */
export const FaultTenantQuery = Type.Object({
  tenant: Type.Optional(Type.Union([TenantName, Type.Literal(ANY_TENANT)], { description: 'tenant (default "default"); "*": the rules for every tenant' }))
})

export const JournalQuery = Type.Object({
  tenant: JournalTenantQuery.properties.tenant,
  method: Type.Optional(Type.String({ pattern: '^[A-Za-z]+$' })),
  path: Type.Optional(Type.String({ minLength: 1, description: 'glob: * within a segment, ** across, ? one character' })),
  status: Type.Optional(Type.String({ pattern: '^[1-5][0-9][0-9]$' })),
  since: Type.Optional(Type.String({ format: 'iso-date-time' })),
  limit: Type.Optional(Type.String({ pattern: '^[0-9]+$' }))
})

export const WaitQuery = Type.Object({
  ...JournalQuery.properties,
  count: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,3}$', description: 'entries to wait for (default 1)' })),
  timeoutMs: Type.Optional(Type.String({ pattern: '^[0-9]{1,5}$', description: 'at most 60000 (default 5000)' }))
})

export const NearMissEntry = Type.Object({
  ...JournalEntry.properties,
  closest: Type.String({ description: 'the route that came nearest, e.g. PATCH /api/v1/scans/:scanId' }),
  why: Type.String({ description: 'the difference, in words' })
})

export const TokenRequest = Type.Object({
  sub: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  tenant: TenantQuery.properties.tenant,
  expiresIn: Type.Optional(Type.Union([Type.Integer({ minimum: 1, description: 'seconds' }), Type.String({ pattern: '^[0-9]+\\s*(ms|s|m|h|d)?$' })]))
}, { additionalProperties: false })
