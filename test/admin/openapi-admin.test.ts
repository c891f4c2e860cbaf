import t from 'tap'
import { buildTestApp } from '../helpers'

/**
 * The admin API as its OpenAPI document publishes it: every operation's tag, summary, parameters,
 * bodies and answers, descriptions included, against the snapshot in tap-snapshots/ (regenerate with
 * `npx tap --snapshot test/admin/openapi-admin.test.ts` after a deliberate change, and read the diff).
 * The document is what a user reads to drive scanstub; a route's words or limits changed by accident show here.
 */
t.test('the admin operations in the OpenAPI document', async t => {
  const { app } = await buildTestApp(t)
  const res = await app.inject({ method: 'GET', url: '/openapi.json' })
  t.equal(res.statusCode, 200)
  const doc = res.json()
  const admin = Object.fromEntries(Object.entries(doc.paths as Record<string, unknown>).filter(([path]) => path.startsWith('/__admin') || path === '/metrics'))
  t.ok(Object.keys(admin).length >= 10, 'the admin routes are documented')
  for (const [path, operations] of Object.entries(admin as Record<string, Record<string, { tags: string[], summary: string }>>)) {
    for (const [method, op] of Object.entries(operations)) {
      t.same(op.tags, ['admin'], `${method} ${path} is tagged admin`)
      t.ok(op.summary.length > 10, `${method} ${path} says what it does`)
    }
  }
  t.matchSnapshot(admin, 'the admin paths')
  // the admin schemas the paths refer to (the clock's, the journal's, the fault rules', the token request), words included
  const schemas = Object.fromEntries(Object.entries(doc.components.schemas as Record<string, unknown>).filter(([name]) => name.startsWith('Admin')))
  t.ok(Object.keys(schemas).length >= 8, 'the admin components are documented')
  t.matchSnapshot(schemas, 'the admin components')
})

t.test('with ADMIN_TOKEN set, every admin operation and /metrics documents the admin token; without it none does', async t => {
  const { app } = await buildTestApp(t, { ADMIN_TOKEN: 'a-secret-admin-token' })
  const res = await app.inject({ method: 'GET', url: '/openapi.json', headers: { authorization: 'Bearer a-secret-admin-token' } })
  t.equal(res.statusCode, 200)
  const paths = res.json().paths as Record<string, Record<string, { security?: unknown }>>
  let seen = 0
  for (const [path, operations] of Object.entries(paths)) {
    if (!path.startsWith('/__admin') && path !== '/metrics') continue
    for (const [method, op] of Object.entries(operations)) { seen++; t.same(op.security, [{ adminToken: [] }], `${method} ${path}`) }
  }
  t.ok(seen >= 10)
})
