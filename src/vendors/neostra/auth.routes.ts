import { randomBytes } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { TEMPORARY_SCOPE } from '../../auth/jwt'
import { TENANT_PATTERN } from '../../core/tenant-name'
import { sendError } from './errors'
import { dummyHash, verifyPassword } from './passwords'
import { BadRequest, Envelope, ErrorBody } from './schemas'
import type { StoredUser } from './users.repo'
import { SelectTenant, SignIn, SignInData, SignedInUser, TenantRef } from './workflow.schemas'
import { Type } from '@sinclair/typebox'

/** Token lives, from Neostra's authentication guide and API reference (neostra-workflows.md). */
export const WORKING_TOKEN_SECONDS = 3600
export const TEMPORARY_TOKEN_SECONDS = 30 * 60
export const TENANT_TOKEN_SECONDS = 180 * 60

/** One answer for an unknown email and a wrong password: no user enumeration. */
const BAD_LOGIN = 'Invalid email or password'

const errors = { 401: ErrorBody, 405: ErrorBody, 413: ErrorBody, 415: ErrorBody, 500: ErrorBody }
const ok = <T>(data: T) => ({ status: 200, message: 'Success', data, errors: [] as string[] })
const userOf = (u: StoredUser) => ({ id: u.id, email: u.email, name: u.name, roles: u.roles })
// an opaque string: Neostra publishes no refresh route, so scanstub serves none
const refreshToken = () => randomBytes(32).toString('base64url')

/** Neostra's sign-in: email and password, then (with several tenants) select-tenant. */
const authRoutes: FastifyPluginAsyncTypebox = async app => {
  const users = app.store.neostraUsers
  const mint = (u: StoredUser, claims: { tenant?: string, scope?: string }, seconds: number) =>
    app.mintToken({ sub: u.id, email: u.email, name: u.name, ...claims }, seconds)

  app.post('/auth/signin', {
    config: { neostraAuth: 'none' },
    schema: {
      tags: ['neostra'],
      summary: 'Sign in',
      description: 'One tenant: a working token at once (1 h). Several: a temporary token (30 min) good only for select-tenant.',
      body: SignIn,
      response: { 200: Envelope(SignInData), 400: BadRequest, ...errors }
    }
  }, async (request, reply) => {
    const { email, password } = request.body
    const user = users.byEmail(email)
    // an unknown email spends the same work as a wrong password
    const valid = verifyPassword(password, user?.passwordHash ?? dummyHash())
    if (!user || !valid) return sendError(reply, 401, BAD_LOGIN)
    if (user.tenants !== '*' && user.tenants.length === 1) {
      const tenant = user.tenants[0]
      app.tenants.ensure(tenant.id)
      return ok({ token: mint(user, { tenant: tenant.id }, WORKING_TOKEN_SECONDS), refreshToken: refreshToken(), expiresIn: WORKING_TOKEN_SECONDS, user: userOf(user), tenants: [tenant] })
    }
    // "*" lists none: any tenant id may be selected
    const tenants = user.tenants === '*' ? [] : user.tenants
    return ok({ token: mint(user, { scope: TEMPORARY_SCOPE }, TEMPORARY_TOKEN_SECONDS), refreshToken: refreshToken(), expiresIn: TEMPORARY_TOKEN_SECONDS, user: userOf(user), tenants })
  })

  app.post('/auth/select-tenant', {
    config: { neostraAuth: 'temporary' },
    schema: {
      tags: ['neostra'],
      summary: 'Select a tenant',
      description: 'With the temporary sign-in token (or a working one): answers a token for that tenant (180 min).',
      security: [{ neostraBearer: [] }],
      body: SelectTenant,
      response: {
        200: Envelope(Type.Object({ token: Type.String(), refreshToken: Type.String(), expiresIn: Type.Integer(), user: SignedInUser, tenant: TenantRef })),
        400: BadRequest, 403: ErrorBody, ...errors
      }
    }
  }, async (request, reply) => {
    const { tenantId } = request.body
    const user = users.byEmail(request.principal.email)
    if (!user || user.id !== request.principal.sub) return sendError(reply, 401, 'The user of this token no longer exists')
    const tenant = user.tenants === '*'
      ? (TENANT_PATTERN.test(tenantId) ? { id: tenantId, name: tenantId, logo: null } : undefined)
      : user.tenants.find(t => t.id === tenantId)
    if (!tenant) return sendError(reply, 403, 'You do not have access to this tenant')
    app.tenants.ensure(tenant.id)
    return ok({ token: mint(user, { tenant: tenant.id }, TENANT_TOKEN_SECONDS), refreshToken: refreshToken(), expiresIn: TENANT_TOKEN_SECONDS, user: userOf(user), tenant })
  })
}

export default authRoutes
