import { ANONYMOUS_TENANT } from '../src/core/journal'
import t from 'tap'
import { ALICE, buildTestApp, demoFixture, expectAnswer, signHs256 } from './helpers'

/** Negative security cases: each refused or hidden as the README states. */

const SCAN = '/api/v1/scans/scan-adhoc'
const TARGET = 'AxtkqTE1AbFd'
const SS = `/targets/${TARGET}/scheduledscans/Dq7HkZ2vRtYp/`
const ADMIN_TOKEN = 'admin-secret-0123456789'
const ADMIN_REFUSED = { error: 'Unauthorized', message: 'admin calls need Authorization: Bearer <ADMIN_TOKEN>' }
const NOT_FOUND_NEOSTRA = { error: 'Not Found', message: 'The requested resource was not found', code: 404 }
const NOT_FOUND_PROBELY = { detail: 'Not found.' }

t.test('ADMIN_TOKEN: a wrong token of the same length is refused on every admin call, and changes nothing', async t => {
  const { app, neostra } = await buildTestApp(t, { ADMIN_TOKEN })
  const right = { authorization: `Bearer ${ADMIN_TOKEN}` }
  await neostra({ method: 'PATCH', url: SCAN, payload: { name: 'before' } })
  // same length, differing in the last character, then in the first: a comparison of the token with itself,
  // or of a prefix, lets one of them through
  const wrongs = [`${ADMIN_TOKEN.slice(0, -1)}X`, `X${ADMIN_TOKEN.slice(1)}`, ADMIN_TOKEN.toUpperCase()]
  for (const wrong of wrongs) t.equal(wrong.length, ADMIN_TOKEN.length)
  const calls = [
    { method: 'GET', url: '/__admin/requests' },
    { method: 'GET', url: '/__admin/fixtures' },
    { method: 'PUT', url: '/__admin/fixtures', payload: { neostra: { integrations: [], scans: [] }, probely: { scanProfiles: [], targets: [], scheduledScans: [] } } },
    { method: 'POST', url: '/__admin/reset?all=true' },
    { method: 'POST', url: '/__admin/faults', payload: { path: '/api/**', status: 500 } },
    { method: 'DELETE', url: '/__admin/requests' },
    { method: 'POST', url: '/__admin/tokens', payload: { tenant: 'x' } }
  ] as const
  for (const call of calls) {
    for (const wrong of wrongs) {
      expectAnswer(t, await app.inject({ ...call, headers: { authorization: `Bearer ${wrong}` } }), 401, ADMIN_REFUSED, { message: `${call.method} ${call.url} with ${wrong}` })
    }
    expectAnswer(t, await app.inject({ ...call, headers: { authorization: `Basic ${ADMIN_TOKEN}` } }), 401, ADMIN_REFUSED, { message: `${call.method} ${call.url}, another scheme` })
    expectAnswer(t, await app.inject({ ...call, headers: { authorization: 'Bearer' } }), 401, ADMIN_REFUSED, { message: `${call.method} ${call.url}, no token` })
  }
  t.equal((await neostra({ method: 'GET', url: SCAN })).json().data.name, 'before', 'no refused reset or fixture went through')
  expectAnswer(t, await app.inject({ method: 'GET', url: '/__admin/faults', headers: right }), 200, { faults: [] }, { message: 'no refused fault was added' })
  const journal = (await app.inject({ method: 'GET', url: '/__admin/requests', headers: right })).json().requests
  t.same(journal.map((e: { method: string }) => e.method), ['GET', 'PATCH'], 'no refused DELETE cleared the journal')
  t.equal((await app.inject({ method: 'GET', url: '/__admin/requests', headers: { authorization: `bearer ${ADMIN_TOKEN}` } })).statusCode, 200, 'the scheme is case-insensitive')
})

t.test('the journal redacts every credential header the README names, and the body\'s secret-looking keys at any depth', async t => {
  const { app, neostra, probely } = await buildTestApp(t)
  const secret = 'S3CRET-VALUE'
  const headers = {
    cookie: `session=${secret}`,
    'set-cookie': `a=${secret}`,
    'proxy-authorization': `Basic ${secret}`,
    'x-api-key': secret,
    'x-request-id': 'kept-as-is'
  }
  const body = {
    password: secret,
    pass: secret,
    client_secret: secret,
    access_token: secret,
    refreshToken: secret,
    api_key: secret,
    'api-key': secret,
    apikey: secret,
    otp_secret: secret,
    credentials: secret,
    nested: { list: [{ Password: secret, keep: 'me' }], deeper: { x_secret: secret } },
    name: 'not a secret'
  }
  await neostra({ method: 'PATCH', url: SCAN, headers, payload: body })
  await probely({ method: 'PATCH', url: SS, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: `password=${secret}&recurrence=d&token=${secret}` })

  const [form, json] = (await app.inject({ method: 'GET', url: '/__admin/requests' })).json().requests
  for (const entry of [form, json]) {
    for (const name of ['cookie', 'set-cookie', 'x-api-key']) t.equal(entry.headers[name], '[redacted]', `${entry.method} ${entry.path}: ${name}`)
    // an Authorization header keeps its scheme (the near-miss report reads it), never its credentials
    t.match(entry.headers.authorization, /^(Bearer|JWT) \[redacted\]$/)
    t.equal(entry.headers['proxy-authorization'], 'Basic [redacted]')
    t.equal(entry.headers['x-request-id'], 'kept-as-is')
  }
  const R = '[redacted]'
  t.same(json.body, {
    password: R, pass: R, client_secret: R, access_token: R, refreshToken: R, api_key: R, 'api-key': R, apikey: R, otp_secret: R, credentials: R,
    nested: { list: [{ Password: R, keep: 'me' }], deeper: { x_secret: R } },
    name: 'not a secret'
  })
  t.same(form.body, { password: R, recurrence: 'd', token: R })

  // query parameters too (a token sent as ?access_token= is as secret as one in a header)
  await neostra({ method: 'GET', url: `/api/v1/scans?access_token=${secret}&api_key=${secret}&session=${secret}&page=2` })
  const [query] = (await app.inject({ method: 'GET', url: '/__admin/requests' })).json().requests
  t.same(query.query, { access_token: R, api_key: R, session: R, page: '2' })
  const everything = JSON.stringify((await app.inject({ method: 'GET', url: '/__admin/requests' })).json())
  t.notOk(everything.includes(secret), 'the secret appears nowhere in the journal')
  t.notOk(everything.includes('eyJ'), 'nor does any token')
})

t.test('journal entries carry their time, and since filters on it', async t => {
  const { app, neostra } = await buildTestApp(t)
  const before = Date.now()
  await neostra({ method: 'GET', url: SCAN })
  const after = Date.now()
  const [entry] = (await app.inject({ method: 'GET', url: '/__admin/requests' })).json().requests
  t.match(entry.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  const time = Date.parse(entry.time)
  t.ok(time >= before - 1 && time <= after + 1, 'the time of the request')
  const since = (iso: string) => app.inject({ method: 'GET', url: `/__admin/requests?since=${encodeURIComponent(iso)}` })
  t.equal((await since(entry.time)).json().requests.length, 1, 'since is inclusive')
  t.equal((await since(new Date(time + 1).toISOString())).json().requests.length, 0)
  t.same(Object.keys(entry).sort(), ['body', 'durationMs', 'headers', 'id', 'matched', 'method', 'path', 'query', 'response', 'status', 'tenant', 'time'])
})

t.test('a token for another tenant: its records are a 404, never the record, and are not changed', async t => {
  const { app, neostra, probely, token } = await buildTestApp(t)
  const blue = token({ ...ALICE, tenant: 'blue' })
  const asBlue = (scheme: string) => ({ authorization: `${scheme} ${blue}` })
  // blue's clock frozen: the scan it creates launches, and its tasks must not move on while the test compares
  t.equal((await app.inject({ method: 'POST', url: '/__admin/clock?tenant=blue', payload: { advanceMs: 0 } })).statusCode, 200)
  const created = await app.inject({ method: 'POST', url: '/api/v1/scans', headers: asBlue('Bearer'), payload: { id: 'blue-only', name: 'Blue', integrationId: 'int-postgres' } })
  t.equal(created.statusCode, 201)
  const ss = await app.inject({ method: 'POST', url: `/targets/${TARGET}/scheduledscans/`, headers: asBlue('JWT'), payload: { date_time: '2031-01-01T00:00:00Z' } })
  t.equal(ss.statusCode, 201)
  const blueSs = `/targets/${TARGET}/scheduledscans/${ss.json().id}/`

  for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
    const payload = method === 'PATCH' ? { name: 'stolen', recurrence: 'h' } : undefined
    expectAnswer(t, await neostra({ method, url: '/api/v1/scans/blue-only', payload }), 404, NOT_FOUND_NEOSTRA, { message: `Neostra ${method}` })
    expectAnswer(t, await probely({ method, url: blueSs, payload }), 404, NOT_FOUND_PROBELY, { message: `Probely ${method}` })
  }
  t.notOk((await neostra({ method: 'GET', url: '/api/v1/scans' })).json().data.some((s: { id: string }) => s.id === 'blue-only'), 'not in the list')
  t.notOk((await probely({ method: 'GET', url: '/scheduledscans/' })).json().results.some((s: { id: string }) => s.id === ss.json().id), 'not in the list')
  expectAnswer(t, await app.inject({ method: 'GET', url: '/api/v1/scans/blue-only', headers: asBlue('Bearer') }), 200, { ...(created.json() as object), status: 200 }, { message: 'blue still has its scan, unchanged' })
  expectAnswer(t, await app.inject({ method: 'GET', url: blueSs, headers: asBlue('JWT') }), 200, ss.json(), { message: 'blue still has its scheduled scan, unchanged' })

  // a scheduled scan asked for under another target of the same tenant is not found either
  expectAnswer(t, await probely({ method: 'GET', url: '/targets/3ZpBnUd9WcGh/scheduledscans/Dq7HkZ2vRtYp/' }), 404, NOT_FOUND_PROBELY)
  expectAnswer(t, await probely({ method: 'PATCH', url: '/targets/3ZpBnUd9WcGh/scheduledscans/Dq7HkZ2vRtYp/', payload: { recurrence: 'h' } }), 404, NOT_FOUND_PROBELY)
  t.equal((await probely({ method: 'GET', url: SS })).json().recurrence, demoFixture().probely.scheduledScans[0].recurrence)
})

t.test('a forged token naming another tenant is refused, and filed in the anonymous share, never under the tenant it claims', async t => {
  const { app, token } = await buildTestApp(t)
  const blue = token({ ...ALICE, tenant: 'blue' })
  await app.inject({ method: 'PATCH', url: SCAN, headers: { authorization: `Bearer ${blue}` }, payload: { name: 'blue data' } })
  const forged = signHs256({ sub: 'mallory', tenant: 'blue' }, 'not-the-server-secret')
  expectAnswer(t, await app.inject({ method: 'GET', url: SCAN, headers: { authorization: `Bearer ${forged}` } }), 401, { error: 'Unauthorized', message: 'Invalid token signature', code: 401 })
  expectAnswer(t, await app.inject({ method: 'PATCH', url: SS, headers: { authorization: `JWT ${forged}` }, payload: { recurrence: 'h' } }), 401, { detail: 'Incorrect authentication credentials.' })
  const none = signHs256({ sub: 'mallory', tenant: 'blue' }).split('.').slice(0, 2).join('.') + '.'
  expectAnswer(t, await app.inject({ method: 'GET', url: SCAN, headers: { authorization: `Bearer ${none}` } }), 401, { error: 'Unauthorized', message: /Malformed token|Unsupported token algorithm|Invalid token signature/, code: 401 }, { match: true })
  const filed = (await app.inject({ method: 'GET', url: '/__admin/requests?tenant=blue' })).json().requests
  t.same(filed.map((e: { status: number }) => e.status), [200], 'the claimed tenant sees only its own verified request')
  const anonymous = (await app.inject({ method: 'GET', url: `/__admin/requests?tenant=${encodeURIComponent(ANONYMOUS_TENANT)}` })).json().requests
  t.same(anonymous.map((e: { status: number }) => e.status), [401, 401, 401], 'the forged ones are filed as anonymous')
  t.equal((await app.inject({ method: 'GET', url: SCAN, headers: { authorization: `Bearer ${blue}` } })).json().data.name, 'blue data')
})

t.test('the journal redacts secret keys at any depth, as the README says (20 and 21 objects deep)', async t => {
  for (const depth of [20, 21]) {
    const { app, neostra } = await buildTestApp(t)
    let body: Record<string, unknown> = { password: `secret-at-${depth}` }
    for (let i = 0; i < depth; i++) body = { n: body }
    await neostra({ method: 'PATCH', url: SCAN, payload: body })
    const [entry] = (await app.inject({ method: 'GET', url: '/__admin/requests' })).json().requests
    t.notOk(JSON.stringify(entry.body).includes(`secret-at-${depth}`), `${depth} deep`)
    t.match(JSON.stringify(entry.body), /"password":"\[redacted\]"/)
  }
})
