import { ANONYMOUS_TENANT } from '../../../src/core/journal'
import t from 'tap'
import { buildTestApp } from '../../helpers'

const SIGNIN = '/api/v1/auth/signin'
const SELECT = '/api/v1/auth/select-tenant'
const DANA = { email: 'dana@acme.example', password: 'scanstub-demo-1' } // one tenant
const MAX = { email: 'max@acme.example', password: 'scanstub-demo-2' } // two tenants
const CI = { email: 'ci@scanstub.example.com', password: 'scanstub-ci' } // tenants "*"
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'))
const UNAUTHORIZED = { error: 'Unauthorized', message: 'Invalid email or password', code: 401 }

t.test('one tenant: a working token at once (1 h), usable on every route', async t => {
  const { app } = await buildTestApp(t)
  const res = await app.inject({ method: 'POST', url: SIGNIN, payload: DANA })
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.same(body, {
    status: 200,
    message: 'Success',
    data: {
      token: body.data.token,
      refreshToken: body.data.refreshToken,
      expiresIn: 3600,
      user: { id: 'usr-dana', email: 'dana@acme.example', name: 'Dana Privacy', roles: ['admin'] },
      tenants: [{ id: 'default', name: 'Acme Corp', logo: null }]
    },
    errors: []
  })
  const claims = claimsOf(body.data.token)
  t.match(claims, { sub: 'usr-dana', email: 'dana@acme.example', name: 'Dana Privacy', tenant: 'default' })
  t.equal(claims.exp - claims.iat, 3600)
  t.not(claims.scope, 'neostra:select-tenant')
  const scans = await app.inject({ method: 'GET', url: '/api/v1/scans', headers: { authorization: `Bearer ${body.data.token}` } })
  t.equal(scans.statusCode, 200)
  const guides = await app.inject({ method: 'GET', url: '/v1/scans', headers: { authorization: `Bearer ${body.data.token}` } })
  t.same(guides.json(), scans.json(), 'the guides\' /v1 prefix serves the same')
})

t.test('several tenants: a temporary token (30 min) good only for select-tenant, which answers a 180 min token', async t => {
  const { app } = await buildTestApp(t)
  const res = await app.inject({ method: 'POST', url: '/v1/auth/signin', payload: MAX })
  t.equal(res.statusCode, 200)
  const { data } = res.json()
  t.equal(data.expiresIn, 1800)
  t.same(data.tenants, [{ id: 'default', name: 'Acme Corp', logo: null }, { id: 'acme-eu', name: 'Acme EU', logo: null }])
  const temporary = `Bearer ${data.token}`
  const claims = claimsOf(data.token)
  t.equal(claims.exp - claims.iat, 1800)

  for (const [method, url] of [['GET', '/api/v1/scans'], ['GET', '/v1/integrations'], ['PATCH', '/api/v1/scans/scan-adhoc']] as const) {
    const refused = await app.inject({ method, url, headers: { authorization: temporary }, payload: method === 'PATCH' ? { name: 'x' } : undefined })
    t.equal(refused.statusCode, 401, `${method} ${url} refuses the temporary token`)
    t.same(refused.json(), { error: 'Unauthorized', message: 'Token claims are invalid', code: 401 })
  }
  const probely = await app.inject({ method: 'GET', url: '/targets/', headers: { authorization: `JWT ${data.token}` } })
  t.equal(probely.statusCode, 401, 'Probely refuses it too')

  const other = await app.inject({ method: 'POST', url: SELECT, headers: { authorization: temporary }, payload: { tenantId: 'someone-else' } })
  t.equal(other.statusCode, 403)
  t.same(other.json(), { error: 'Forbidden', message: 'You do not have access to this tenant', code: 403 })

  const selected = await app.inject({ method: 'POST', url: SELECT, headers: { authorization: temporary }, payload: { tenantId: 'acme-eu' } })
  t.equal(selected.statusCode, 200)
  const chosen = selected.json().data
  t.same(selected.json(), {
    status: 200,
    message: 'Success',
    data: {
      token: chosen.token,
      refreshToken: chosen.refreshToken,
      expiresIn: 10800,
      user: { id: 'usr-max', email: 'max@acme.example', name: 'Max Consultant', roles: ['analyst'] },
      tenant: { id: 'acme-eu', name: 'Acme EU', logo: null }
    },
    errors: []
  })
  const tenantClaims = claimsOf(chosen.token)
  t.match(tenantClaims, { sub: 'usr-max', tenant: 'acme-eu' })
  t.equal(tenantClaims.exp - tenantClaims.iat, 10800)
  const scans = await app.inject({ method: 'GET', url: '/api/v1/scans', headers: { authorization: `Bearer ${chosen.token}` } })
  t.equal(scans.statusCode, 200, 'the tenant token works')
  t.ok(app.tenants.list().includes('acme-eu'), 'the tenant got its copy of the fixture')
})

t.test('tenants "*": any tenant id, one per CI worker', async t => {
  const { app } = await buildTestApp(t)
  const signin = (await app.inject({ method: 'POST', url: SIGNIN, payload: CI })).json().data
  t.same(signin.tenants, [])
  for (const tenantId of ['worker-1', 'worker-2']) {
    const res = await app.inject({ method: 'POST', url: SELECT, headers: { authorization: `Bearer ${signin.token}` }, payload: { tenantId } })
    t.equal(res.statusCode, 200)
    t.equal(claimsOf(res.json().data.token).tenant, tenantId)
  }
  const bad = await app.inject({ method: 'POST', url: SELECT, headers: { authorization: `Bearer ${signin.token}` }, payload: { tenantId: 'no spaces/allowed' } })
  t.equal(bad.statusCode, 403)
})

t.test('unknown email and wrong password: the same 401; a missing field is a 400 naming it', async t => {
  const { app } = await buildTestApp(t)
  const wrong = await app.inject({ method: 'POST', url: SIGNIN, payload: { ...DANA, password: 'nope' } })
  const unknown = await app.inject({ method: 'POST', url: SIGNIN, payload: { email: 'nobody@acme.example', password: 'scanstub-demo-1' } })
  t.equal(wrong.statusCode, 401)
  t.equal(unknown.statusCode, 401)
  t.same(wrong.json(), UNAUTHORIZED)
  t.same(unknown.json(), UNAUTHORIZED)
  t.same(wrong.headers['content-type'], unknown.headers['content-type'])

  const missing = await app.inject({ method: 'POST', url: SIGNIN, payload: { email: DANA.email } })
  t.equal(missing.statusCode, 400)
  t.same(missing.json(), { status: 400, message: 'Bad Request', data: {}, errors: ['password: is required'] })
  const empty = await app.inject({ method: 'POST', url: SIGNIN, payload: {} })
  t.same(empty.json().errors, ['email: is required', 'password: is required'])
  const noTenant = await app.inject({ method: 'POST', url: SELECT, payload: {}, headers: { authorization: `Bearer ${app.mintToken({ sub: 'usr-max', email: 'max@acme.example', name: 'Max', scope: 'neostra:select-tenant' })}` } })
  t.same(noTenant.json(), { status: 400, message: 'Bad Request', data: {}, errors: ['tenantId: is required'] })
  const noToken = await app.inject({ method: 'POST', url: SELECT, payload: { tenantId: 'default' } })
  t.equal(noToken.statusCode, 401)
})

t.test('passwords: never in the export in clear, never in the journal; an export loads back and signs in', async t => {
  const { app } = await buildTestApp(t)
  await app.inject({ method: 'POST', url: SIGNIN, payload: DANA })
  // a sign-in carries no token yet: it is filed in the anonymous share
  const journal = (await app.inject({ method: 'GET', url: `/__admin/requests?tenant=${encodeURIComponent(ANONYMOUS_TENANT)}` })).json().requests
  t.equal(journal[0].body.password, '[redacted]')
  t.notOk(JSON.stringify(journal).includes('scanstub-demo-1'), 'the password appears nowhere in the journal')

  const exported = (await app.inject({ method: 'GET', url: '/__admin/fixtures' })).json()
  t.notOk(JSON.stringify(exported).includes('scanstub-demo'), 'no password in clear')
  t.match(exported.neostra.users[0], { id: 'usr-dana', passwordHash: /^scrypt\$/ })
  t.notOk('password' in exported.neostra.users[0])

  // a fixture user with a password in clear: stored hashed; the export gives the hash, which loads back
  exported.neostra.users.push({ id: 'usr-new', email: 'new@acme.example', name: 'New', password: 'fresh-secret', roles: [], tenants: ['default'] })
  const loaded = await app.inject({ method: 'PUT', url: '/__admin/fixtures?tenant=other', payload: exported })
  t.equal(loaded.statusCode, 200)
  const again = (await app.inject({ method: 'GET', url: '/__admin/fixtures?tenant=other' })).json()
  t.notOk(JSON.stringify(again).includes('fresh-secret'))
  t.equal((await app.inject({ method: 'POST', url: SIGNIN, payload: { email: 'new@acme.example', password: 'fresh-secret' } })).statusCode, 200)
  t.equal((await app.inject({ method: 'POST', url: SIGNIN, payload: { email: 'NEW@acme.example', password: 'fresh-secret' } })).statusCode, 200, 'email case-insensitive')

  const bad = await app.inject({ method: 'PUT', url: '/__admin/fixtures?tenant=other', payload: { ...again, neostra: { ...again.neostra, users: [{ id: 'u', email: 'x@y.z', name: 'x', roles: [], tenants: [] }] } } })
  t.equal(bad.statusCode, 400, 'a user without password nor tenants is refused')
  t.same((await app.inject({ method: 'GET', url: '/__admin/fixtures?tenant=other' })).json(), again, 'nothing of it loaded')
})
