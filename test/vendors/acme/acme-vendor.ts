import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Type, type Static } from '@sinclair/typebox'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { errorHandler } from '../../../src/http/error-handler'
import { acceptJsonOnly } from '../../../src/http/json-body'
import { answerOtherMethods, trackRoutes } from '../../../src/http/method-not-allowed'
import type { Db } from '../../../src/store/db'
import { isRecord, recordsOf } from '../../../src/store/fixture-errors'
import { defineVendor, type VendorPluginOptions } from '../../../src/vendors/vendor-module'

/**
 * A third vendor, defined only here: one route (GET and PATCH of a widget), one table, one fixture
 * part, its own error shape (`{"oops": ...}`). The proof of the seam: it plugs in with no change
 * outside this module.
 */
const Widget = Type.Object({ id: Type.String(), name: Type.String({ minLength: 1, maxLength: 40 }) })
type Widget = Static<typeof Widget>
const AcmeFixture = Type.Object({ widgets: Type.Array(Widget) })
type AcmeFixture = Static<typeof AcmeFixture>

const oops = (reply: FastifyReply, status: number, why: string) => reply.code(status).type('application/json').send({ oops: why, status })

function widgetsRepo (db: Db) {
  const q = {
    get: db.prepare<[string, string], Widget>('SELECT id, name FROM acme_widgets WHERE tenant = ? AND id = ?'),
    all: db.prepare<[string], Widget>('SELECT id, name FROM acme_widgets WHERE tenant = ? ORDER BY rowid'),
    insert: db.prepare('INSERT INTO acme_widgets (tenant, id, name) VALUES (?, ?, ?)'),
    rename: db.prepare<[string, string, string], Widget>('UPDATE acme_widgets SET name = ? WHERE tenant = ? AND id = ? RETURNING id, name'),
    clear: db.prepare<[string]>('DELETE FROM acme_widgets WHERE tenant = ?')
  }
  return {
    get: (tenant: string, id: string) => q.get.get(tenant, id),
    all: (tenant: string) => q.all.all(tenant),
    insert: (tenant: string, w: Widget) => q.insert.run(tenant, w.id, w.name),
    rename: (tenant: string, id: string, name: string) => q.rename.get(name, tenant, id),
    clear: (tenant: string) => q.clear.run(tenant)
  }
}
type Repos = { acmeWidgets: ReturnType<typeof widgetsRepo> }

const acmeErrors = (bodyLimit: number) => errorHandler({
  validation: (error, _request, reply) => oops(reply, 400, error.message),
  invalidJson: (_error, reply) => oops(reply, 400, 'bad json'),
  unsupportedMediaType: (_request, reply) => oops(reply, 415, 'json only'),
  tooLarge: reply => oops(reply, 413, `over ${bodyLimit}`),
  clientError: (status, message, reply) => oops(reply, status, message),
  serverError: reply => oops(reply, 500, 'broken')
}, 'acme handler')

/** Makes the module, its migration written into `dir` (a vendor ships its own migrations folder). */
export function acmeVendor (dir: string) {
  const migrations = join(dir, 'acme-migrations')
  mkdirSync(migrations, { recursive: true })
  writeFileSync(join(migrations, '001_widgets.sql'),
    'CREATE TABLE acme_widgets (tenant TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (tenant, id));\n')

  async function plugin (app: FastifyInstance, options: VendorPluginOptions) {
    acceptJsonOnly(app, () => 'bad json')
    app.addHook('onRequest', (request, reply, done) => {
      if (request.is404) return done()
      const result = app.authenticate(request, ['Bearer'])
      if (!result.ok) { oops(reply, 401, result.failure); return }
      request.principal = result.principal
      app.tenants.ensure(result.principal.tenant)
      done()
    })
    app.setErrorHandler(acmeErrors(options.bodyLimit))
    app.setNotFoundHandler((_request, reply) => oops(reply, 404, 'no such thing'))
    const served = trackRoutes(app)
    app.get('/widgets/:id', {
      schema: { tags: ['acme'], params: Type.Object({ id: Type.String() }), response: { 200: Widget } }
    }, async (request, reply) => {
      const { id } = request.params as { id: string }
      return app.store.reposOf(module).acmeWidgets.get(request.principal.tenant, id) ?? oops(reply, 404, 'no such widget')
    })
    app.patch('/widgets/:id', {
      schema: { tags: ['acme'], params: Type.Object({ id: Type.String() }), body: Type.Object({ name: Widget.properties.name }), response: { 200: Widget } }
    }, async (request, reply) => {
      const { id } = request.params as { id: string }
      const { name } = request.body as { name: string }
      const widget = await app.store.write(() => app.store.reposOf(module).acmeWidgets.rename(request.principal.tenant, id, name))
      return widget ?? oops(reply, 404, 'no such widget')
    })
    answerOtherMethods(app, served, (request, reply, allowed) => {
      reply.header('allow', allowed.join(', '))
      return oops(reply, 405, `no ${request.method} here`)
    })
  }

  const module = {
    name: 'acme',
    prefixes: ['/acme'],
    ownsPath: (path: string) => path.startsWith('/acme/'),
    plugin,
    migrations,
    createRepos: (db: Db): Repos => ({ acmeWidgets: widgetsRepo(db) }),
    fixture: {
      schema: AcmeFixture,
      normalize: (raw: unknown): AcmeFixture => ({ widgets: recordsOf(isRecord(raw) ? raw.widgets : undefined) as Widget[] }),
      load: (repos: Repos, tenant: string, part: AcmeFixture) => { repos.acmeWidgets.clear(tenant); for (const w of part.widgets) repos.acmeWidgets.insert(tenant, w) },
      export: (repos: Repos, tenant: string): AcmeFixture => ({ widgets: repos.acmeWidgets.all(tenant) }),
      clear: (repos: Repos, tenant: string) => repos.acmeWidgets.clear(tenant),
      // `users` as Neostra names its users too: the admin answer then names both kinds by vendor
      counts: (part: AcmeFixture) => ({ widgets: part.widgets.length, users: 0 })
    },
    errors: {
      sendNotFound: (reply: FastifyReply) => oops(reply, 404, 'no such thing'),
      faultBody: (status: number) => ({ oops: 'injected', status }),
      contentType: 'application/json',
      handler: acmeErrors
    },
    openapi: { tag: { name: 'acme', description: 'Acme: a vendor made by a test' }, securitySchemes: { acmeBearer: { type: 'http', scheme: 'bearer' } } }
  }
  return { module: defineVendor<Repos, AcmeFixture>(module), reposOf: (app: FastifyInstance) => app.store.reposOf(module) as Repos }
}
