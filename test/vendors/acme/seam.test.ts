import { join } from 'node:path'
import t from 'tap'
import { buildApp } from '../../../src/app'
import { loadConfig } from '../../../src/config'
import { VENDORS } from '../../../src/vendors/index'
import { SECRET, tempDir } from '../../helpers'
import { acmeVendor } from './acme-vendor'

/**
 * The vendor seam, proved by a third vendor defined only in this test folder: journal, faults in its
 * error shape, fixtures export and load, reset, admin counts, 404 and 405, and the OpenAPI document
 * all cover it, with no change to anything outside its module.
 */
t.test('a vendor defined only in a test plugs in whole', async t => {
  const dir = tempDir(t)
  const { module } = acmeVendor(dir)
  const vendors = [VENDORS[0], module, VENDORS[1]]
  const database = join(dir, 'acme.db')
  const build = () => buildApp(loadConfig({ DATABASE: database, JWT_SECRET: SECRET, LOG_LEVEL: 'silent' }), { logger: false, vendors })
  let app = await build()
  t.teardown(() => app.close())
  const auth = { authorization: `Bearer ${app.mintToken({ sub: 'u1', email: 'u1@example.com', name: 'U1', tenant: 'w1' })}` }

  // fixtures: load a part of its own, see it counted, exported, and served
  let res = await app.inject({ method: 'PUT', url: '/__admin/fixtures?tenant=w1', payload: { ...demo(), acme: { widgets: [{ id: 'w-1', name: 'Sprocket' }] } } })
  t.equal(res.statusCode, 200)
  t.same(res.json().loaded, { integrations: 5, scans: 3, 'neostra.users': 3, tasks: 0, widgets: 1, 'acme.users': 0, scanProfiles: 2, targets: 2, scheduledScans: 3 }, 'a kind two vendors count is named by vendor')
  res = await app.inject({ method: 'GET', url: '/acme/widgets/w-1', headers: auth })
  t.same([res.statusCode, res.json()], [200, { id: 'w-1', name: 'Sprocket' }])
  res = await app.inject({ method: 'PATCH', url: '/acme/widgets/w-1', headers: auth, payload: { name: 'Cog' } })
  t.same([res.statusCode, res.json()], [200, { id: 'w-1', name: 'Cog' }])
  res = await app.inject({ method: 'GET', url: '/__admin/fixtures?tenant=w1' })
  t.same(res.json().acme, { widgets: [{ id: 'w-1', name: 'Cog' }] }, 'the export holds its part')

  // its errors in its shape: 404 (unknown path under its prefix, and unknown id), 405, 400, 401
  res = await app.inject({ method: 'GET', url: '/acme/nothing', headers: auth })
  t.same([res.statusCode, res.json()], [404, { oops: 'no such thing', status: 404 }])
  res = await app.inject({ method: 'GET', url: '/acme/widgets/%E0%A4%A', headers: auth })
  t.same([res.statusCode, res.json()], [404, { oops: 'no such thing', status: 404 }], 'bad %-encoding: its own 404')
  res = await app.inject({ method: 'DELETE', url: '/acme/widgets/w-1', headers: auth })
  t.same([res.statusCode, res.json(), res.headers.allow], [405, { oops: 'no DELETE here', status: 405 }, 'GET, PATCH, HEAD'])
  res = await app.inject({ method: 'PATCH', url: '/acme/widgets/w-1', headers: auth, payload: { name: '' } })
  t.equal(res.statusCode, 400)
  t.match(res.json(), { oops: /name/, status: 400 })
  res = await app.inject({ method: 'GET', url: '/acme/widgets/w-1' })
  t.same([res.statusCode, res.json()], [401, { oops: 'missing', status: 401 }])

  // the journal files its requests under the tenant
  res = await app.inject({ method: 'GET', url: '/__admin/requests?tenant=w1&path=/acme/**&method=PATCH' })
  t.same(res.json().requests.map((e: { status: number, body: unknown }) => [e.status, e.body]), [[400, { name: '' }], [200, { name: 'Cog' }]])

  // a fault on its path answers in its shape
  res = await app.inject({ method: 'POST', url: '/__admin/faults', payload: { tenant: 'w1', path: '/acme/**', status: 503, times: 1 } })
  t.equal(res.statusCode, 201)
  res = await app.inject({ method: 'GET', url: '/acme/widgets/w-1', headers: auth })
  t.same([res.statusCode, res.json()], [503, { oops: 'injected', status: 503 }])

  // the OpenAPI document holds its tag, its security scheme and its routes
  const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
  t.ok(doc.tags.some((tag: { name: string }) => tag.name === 'acme'))
  t.ok(doc.components.securitySchemes.acmeBearer)
  t.ok(doc.paths['/acme/widgets/{id}']?.patch, 'its PATCH is documented')

  // a restart keeps its data (its migration recorded under its own name), a reset brings the fixture back
  await app.close()
  app = await build()
  res = await app.inject({ method: 'GET', url: '/acme/widgets/w-1', headers: auth })
  t.same(res.json(), { id: 'w-1', name: 'Cog' }, 'stored in SQLite')
  const owned = app.store.db.prepare("SELECT owner, name FROM owned_migrations WHERE owner = 'acme'").all() // the vendors have their own too
  t.same(owned, [{ owner: 'acme', name: '001_widgets.sql' }])
  res = await app.inject({ method: 'POST', url: '/__admin/reset?tenant=w1' })
  t.equal(res.statusCode, 200)
  res = await app.inject({ method: 'GET', url: '/acme/widgets/w-1', headers: auth })
  t.same([res.statusCode, res.json()], [404, { oops: 'no such widget', status: 404 }], 'the demo fixture has no widgets')
  res = await app.inject({ method: 'GET', url: '/__admin/fixtures?tenant=w1' })
  t.same(res.json().acme, { widgets: [] })
})

function demo () {
  const { neostra, probely } = require('../../../fixtures/demo.json')
  return { neostra, probely }
}
