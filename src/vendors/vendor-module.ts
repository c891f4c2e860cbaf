import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { DataOwner } from '../core/tenants'
import type { Db } from '../store/db'
import type { RawAnswerer } from '../http/unparsed-methods'

/** What the app hands each vendor's plugin. */
export interface VendorPluginOptions {
  /** STRICT=1: unknown body fields are a 400 */
  strict: boolean
  bodyLimit: number
  /** a slot the vendor may fill: what to answer a request Node's parser never hands to Fastify (FOO, CONNECT) */
  rawAnswers?: { answer?: RawAnswerer }
}

/** A vendor's error bodies, for what the shared HTTP layer answers on its behalf. */
export interface VendorErrors {
  /** a path under the vendor that names nothing (also a path Fastify cannot route) */
  sendNotFound: (reply: FastifyReply) => FastifyReply
  /** the body an injected fault answers with when its rule names none */
  faultBody: (status: number, method: string) => unknown
  /** the Content-Type of the vendor's error answers */
  contentType: string
  /** its error handler (its plugin's, and the app's for the paths it owns outside its plugin) */
  handler: (bodyLimit: number) => (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => unknown
}

/**
 * One vendor, plugged in: everything the app, the store, the fixture format, the traffic hooks, the
 * admin API and the OpenAPI document need to know of it. `src/vendors/index.ts` lists them; nothing
 * outside a vendor's folder imports anything else of it.
 */
export interface VendorModule<Repos extends object = object, Part = unknown> extends DataOwner<Repos, Part> {
  /** its key in fixtures, its migrations' owner, its admin prefix (`/__admin/<name>`) */
  name: string
  /** each prefix the plugin is registered under */
  prefixes: string[]
  /** whether a request path is this vendor's (404s, faults and framework errors are answered in its shape) */
  ownsPath: (path: string) => boolean
  plugin: (app: FastifyInstance, options: VendorPluginOptions) => Promise<void>
  /** its own numbered migrations, `migrations/<name>/NNN_*.sql` (recorded per owner) */
  migrations?: string
  errors: VendorErrors
  /** string formats its schemas use, for every ajv instance */
  formats?: Record<string, (value: string) => boolean>
  openapi: {
    tag: { name: string, description: string }
    securitySchemes: Record<string, object>
    /** its schemas as named components of the document, by name (src/openapi-document.ts) */
    components?: Record<string, object>
  }
  /** what the near-miss report (GET /__admin/requests/near-misses) asks of it */
  nearMisses?: {
    /** the Authorization schemes its routes take */
    schemes: readonly string[]
    /** made once: the tenants holding a record with this id, for a route's path parameter (undefined: it names no record) */
    tenantsHolding?: (db: Db) => (route: string, param: string, id: string) => string[] | undefined
  }
  /** test controls of its own, registered under `/__admin/<name>` */
  admin?: (app: FastifyInstance) => Promise<void>
}

/** Declares a module with its types checked (the list in index.ts holds them as plain VendorModules). */
export const defineVendor = <Repos extends object, Part>(module: VendorModule<Repos, Part>): VendorModule =>
  module as unknown as VendorModule
