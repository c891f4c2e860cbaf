import t from 'tap'
import { buildTestApp } from '../../helpers'

t.test('the OpenAPI document shows each Neostra route once, under /api/v1, with its answers', async t => {
  const { app } = await buildTestApp(t)
  const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
  const paths = Object.keys(doc.paths)
  t.same(paths.filter(p => p.startsWith('/v1/')), [], 'the guides\' /v1 copies are not listed again')
  t.same(Object.keys(doc.paths['/api/v1/auth/signin'].post.responses).sort(), ['200', '400', '401', '405', '413', '415', '500', '503'])
  t.notOk(doc.paths['/api/v1/auth/signin'].post.security, 'sign-in needs no token')
  t.same(doc.paths['/api/v1/auth/select-tenant'].post.security, [{ neostraBearer: [] }])
  // named schemas are components, reached by $ref
  const deref = (schema: { $ref?: string }): any => schema.$ref ? deref(doc.components.schemas[schema.$ref.split('/').pop()!]) : schema
  t.same(deref(deref(doc.paths['/api/v1/scan-tasks/{taskId}'].patch.requestBody.content['application/json'].schema).properties.status).enum,
    ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'])
  t.ok(doc.paths['/__admin/neostra/scan-tasks'].get, 'the admin controls are documented')
  t.ok(doc.paths['/__admin/neostra/settings'].put)
})
