import t from 'tap'
import { buildTestApp } from '../helpers'

// GET /__admin/requests/near-misses over real requests (issue 20): a wrong auth scheme, an id that
// exists in another tenant's data, besides the closest route.

const misses = async (app: Awaited<ReturnType<typeof buildTestApp>>['app'], tenant: string) =>
  (await app.inject({ url: `/__admin/requests/near-misses?tenant=${encodeURIComponent(tenant)}` })).json().requests
    .map((m: any) => [m.method, m.path, m.status, m.closest, m.why])

t.test('a 404 whose id is another tenant\'s says so, per vendor', async t => {
  const { app, token } = await buildTestApp(t)
  const w1 = token({ sub: 'u1', email: 'u1@x.io', name: 'U1', tenant: 'w1' })
  const w2 = token({ sub: 'u2', email: 'u2@x.io', name: 'U2', tenant: 'w2' })
  // w2 gets a Neostra scan of its own; w1 asks for it
  const made = await app.inject({ method: 'POST', url: '/api/v1/scans', headers: { authorization: `Bearer ${w2}` }, payload: { id: 'only-w2', name: 'mine', integrationIds: ['int-postgres'] } })
  t.equal(made.statusCode, 201)
  await app.inject({ method: 'PUT', url: '/__admin/fixtures?tenant=w1', payload: { neostra: {}, probely: {} } })
  t.equal((await app.inject({ url: '/api/v1/scans/only-w2', headers: { authorization: `Bearer ${w1}` } })).statusCode, 404)
  // w1's data has no Probely target any more; default's (and w2's) has AxtkqTE1AbFd
  t.equal((await app.inject({ url: '/targets/AxtkqTE1AbFd/scheduledscans/Dq7HkZ2vRtYp/', headers: { authorization: `JWT ${w1}` } })).statusCode, 404)
  t.equal((await app.inject({ url: '/targets/nope/', headers: { authorization: `JWT ${w1}` } })).statusCode, 404)
  t.same(await misses(app, 'w1'), [
    ['GET', '/targets/nope/', 404, 'GET /targets/:id/', 'Not found.'],
    ['GET', '/targets/AxtkqTE1AbFd/scheduledscans/Dq7HkZ2vRtYp/', 404, 'GET /targets/:target_id/scheduledscans/:id/', 'id "AxtkqTE1AbFd" (:target_id) exists in another tenant ("default", "w2"), not in "w1"'],
    ['GET', '/api/v1/scans/only-w2', 404, 'GET /api/v1/scans/:scanId', 'id "only-w2" (:scanId) exists in another tenant ("w2"), not in "w1"']
  ])
})

t.test('a wrong auth scheme says so, with the schemes the vendor takes', async t => {
  const { app, token } = await buildTestApp(t)
  await app.inject({ url: '/api/v1/scans', headers: { authorization: `JWT ${token()}` } })
  await app.inject({ url: '/targets/', headers: { authorization: `Token ${token()}` } })
  await app.inject({ url: '/targets/', headers: { authorization: 'JWT' } })
  t.same(await misses(app, '(anonymous)'), [
    ['GET', '/targets/', 401, 'GET /targets/', 'Incorrect authentication credentials.'],
    ['GET', '/targets/', 401, 'GET /targets/', 'wrong auth scheme: "Authorization: Token …"; GET /targets/ takes "JWT <token>" or "Bearer <token>"']
  ], 'a header with a scheme and no token: the vendor\'s own words')
  // a good token under Probely's scheme sent to Neostra: filed under its tenant (the token verified)
  t.same(await misses(app, 'default'), [
    ['GET', '/api/v1/scans', 401, 'GET /api/v1/scans', 'wrong auth scheme: "Authorization: JWT …"; GET /api/v1/scans takes "Bearer <token>"']
  ])
  const entry = app.journal.find({ tenant: 'default', path: '/api/v1/scans' })[0]
  t.equal(entry.headers.authorization, 'JWT [redacted]', 'the journal keeps the scheme, never the token')
})
