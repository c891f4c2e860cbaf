import type { FastifyInstance } from 'fastify'
import type { VendorModule } from '../vendors/vendor-module'
import { adminErrorHandler, sendAdminError } from './errors'
import { guardWithAdminToken } from './guard'
import { AdminError } from './schemas'
import clockRoutes from './clock.routes'
import faultsRoutes from './faults.routes'
import fixturesRoutes from './fixtures.routes'
import requestsRoutes from './requests.routes'
import stateRoutes from './state.routes'
import tokensRoutes from './tokens.routes'

/**
 * `/__admin`, WireMock's convention: health, reset, fixtures, the journal, faults, tokens. Guarded by
 * ADMIN_TOKEN when set; not registered at all when ADMIN_API=off.
 */
export default async function admin (app: FastifyInstance, options: { adminToken?: string, vendors: readonly VendorModule[], healthProbeEveryMs?: number, fixtureBodyLimit?: number }) {
  // every admin route documents the same error answers (413: a body past the limit reaches any of them), and the
  // admin token when one is set
  app.addHook('onRoute', route => {
    const schema = (route.schema ?? {}) as Record<string, any>
    route.schema = {
      ...schema,
      response: { 400: AdminError, 401: AdminError, 404: AdminError, 413: AdminError, 415: AdminError, 500: AdminError, ...schema.response },
      ...(options.adminToken ? { security: [{ adminToken: [] }] } : {})
    }
  })
  guardWithAdminToken(app, options.adminToken)

  app.setErrorHandler(adminErrorHandler)
  app.setNotFoundHandler((request, reply) => sendAdminError(reply, 404, 'Not Found', `no admin route ${request.method} ${request.url}`))

  await app.register(stateRoutes, { healthProbeEveryMs: options.healthProbeEveryMs })
  await app.register(fixturesRoutes, { owners: options.vendors, bodyLimit: options.fixtureBodyLimit })
  await app.register(requestsRoutes, { vendors: options.vendors })
  await app.register(faultsRoutes)
  await app.register(tokensRoutes)
  await app.register(clockRoutes)
  // each vendor's own test controls, under /__admin/<vendor>
  for (const vendor of options.vendors) {
    if (vendor.admin) await app.register(vendor.admin, { prefix: `/${vendor.name}` })
  }
}
