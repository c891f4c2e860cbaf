import { Type } from '@sinclair/typebox'

/** A tenant's name: the `tenant` claim of a token, and `?tenant=` of the admin API. */
export const TENANT_PATTERN = /^[A-Za-z0-9._-]{1,64}$/

export const TenantName = Type.String({ pattern: TENANT_PATTERN.source, description: 'tenant to act on (default "default")' })

export const DEFAULT_TENANT = 'default'

/** Not a tenant name (see TENANT_PATTERN): the stored copy of the seed that each new tenant is copied from. */
export const SEED_TENANT = '#seed'
