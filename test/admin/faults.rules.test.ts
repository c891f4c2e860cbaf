import t from 'tap'
import { buildTestApp, forgedCopy } from '../helpers'

const SCAN = '/api/v1/scans/scan-adhoc'
const fault = (app: any, payload: unknown, tenant?: string) =>
  app.inject({ method: 'POST', url: `/__admin/faults${tenant ? `?tenant=${tenant}` : ''}`, payload })

t.test('tenant: the ?tenant= of the call by default, "*" for every tenant, and only a verified token names one', async t => {
  const { app, token } = await buildTestApp(t)
  const w1 = { authorization: `Bearer ${token({ tenant: 'w1' })}` }
  const w2 = { authorization: `Bearer ${token({ tenant: 'w2' })}` }
  const rule = (await fault(app, { path: '/api/v1/integrations', status: 503 }, 'w1')).json()
  t.equal(rule.tenant, 'w1', 'the tenant of the call')
  t.equal((await app.inject({ url: '/api/v1/integrations', headers: w1 })).statusCode, 503)
  t.equal((await app.inject({ url: '/api/v1/integrations', headers: w2 })).statusCode, 200, 'another tenant untouched')
  // a forged token naming w1 (bad signature) does not use up or trigger w1's rules
  const forged = forgedCopy(token({ tenant: 'w1' }))
  const refused = await app.inject({ url: '/api/v1/integrations', headers: { authorization: `Bearer ${forged}` } })
  t.equal(refused.statusCode, 401, 'the forged token is refused by the route, not faulted')
  await fault(app, { path: '/api/v1/scans', status: 500, tenant: '*', times: 2 })
  t.equal((await app.inject({ url: '/api/v1/scans', headers: w1 })).statusCode, 500)
  t.equal((await app.inject({ url: '/api/v1/scans', headers: w2 })).statusCode, 500, '"*" fires for every tenant')
  t.same((await app.inject({ url: '/__admin/faults?tenant=*' })).json(), { faults: [] }, 'spent after times')
})

t.test('matching on query, headers and a JSON subset of the body; answers with headers and Retry-After', async t => {
  const { app, neostra } = await buildTestApp(t)
  await fault(app, { method: 'PATCH', path: '/api/v1/scans/*', requestBody: { config: { depth: 3 } }, requestHeaders: { 'X-Client': 'ci' }, requestQuery: { dry: '1' }, status: 429 })
  const patch = (url: string, body: unknown, headers = {}) => neostra({ method: 'PATCH', url, payload: body as object, headers: { 'x-client': 'ci', ...headers } })
  const hit = await patch(`${SCAN}?dry=1`, { name: 'n', config: { depth: 3, extra: true } })
  t.equal(hit.statusCode, 429, 'extra fields of the body are ignored')
  t.equal(hit.headers['retry-after'], '1', '429 defaults Retry-After: 1')
  t.same(hit.json(), { error: 'Too Many Requests', message: 'Too Many Requests', code: 429 }, "the vendor's shape")
  t.equal((await patch(SCAN + '?dry=1', { config: { depth: 4 } })).statusCode, 200, 'another body value')
  t.equal((await patch(SCAN, { config: { depth: 3 } })).statusCode, 200, 'query missing')
  t.equal((await patch(SCAN + '?dry=1', { config: { depth: 3 } }, { 'x-client': 'dev' })).statusCode, 200, 'header differs')

  await app.inject({ method: 'DELETE', url: '/__admin/faults' })
  await fault(app, { path: '/targets/**', status: 503, headers: { 'Retry-After': '7', 'X-Why': 'maintenance' }, times: 1 })
  const probely = await app.inject({ url: '/targets/', headers: { authorization: `JWT ${app.mintToken({})}` } })
  t.equal(probely.statusCode, 503)
  t.equal(probely.headers['retry-after'], '7', 'the rule\'s own Retry-After wins')
  t.equal(probely.headers['x-why'], 'maintenance')
  t.equal(typeof probely.json().detail, 'string', "DRF's shape")
})

t.test('a sequence: 503, 503, then the real answer, as one rule; then spent', async t => {
  const { app, neostra } = await buildTestApp(t)
  const rule = (await fault(app, { method: 'GET', path: '/api/v1/integrations', sequence: [{ status: 503 }, { status: 503 }] })).json()
  const statuses = []
  for (let i = 0; i < 3; i++) statuses.push((await neostra({ url: '/api/v1/integrations' })).statusCode)
  t.same(statuses, [503, 503, 200])
  t.same((await app.inject({ url: '/__admin/faults' })).json(), { faults: [] }, 'spent')
  const journal = (await app.inject({ url: '/__admin/requests?path=/api/v1/integrations' })).json().requests
  t.same(journal.map((e: any) => [e.status, e.fault ?? null, e.refused ?? null]), [
    [200, null, null], [503, rule.id, `fault rule ${rule.id}`], [503, rule.id, `fault rule ${rule.id}`]
  ], 'the journal says which rule answered')
})

t.test('kinds: empty, malformed and truncated bodies; a dribbled body arrives whole', async t => {
  const { app, neostra } = await buildTestApp(t)
  const whole = (await neostra({ url: SCAN })).body
  await fault(app, { path: SCAN, kind: 'empty', status: 200, times: 1 })
  t.equal((await neostra({ url: SCAN })).body, '')
  await fault(app, { path: SCAN, kind: 'malformed', times: 1 })
  const malformed = await neostra({ url: SCAN })
  t.equal(malformed.statusCode, 200)
  t.throws(() => JSON.parse(malformed.body), 'JSON that does not parse')
  await fault(app, { path: SCAN, kind: 'truncated', times: 1 })
  const cut = await neostra({ url: SCAN })
  t.equal(cut.body, whole.slice(0, Math.floor(whole.length / 2)), 'the real answer cut halfway')
  await fault(app, { path: SCAN, dribbleMs: 50, times: 1 })
  const started = Date.now()
  const slow = await neostra({ url: SCAN })
  t.equal(slow.body, whole, 'all of it, slowly')
  t.ok(Date.now() - started >= 30, 'spread over the time asked')
})

t.test('latency: uniform and lognormal draws, per rule or as a tenant profile that carries on to other rules', async t => {
  const { app, neostra } = await buildTestApp(t)
  const profile = (await fault(app, { path: '/**', latency: { uniform: { min: 20, max: 40 } } })).json()
  await fault(app, { path: '/api/v1/integrations', status: 500, times: 1 })
  const started = Date.now()
  const res = await neostra({ url: '/api/v1/integrations' })
  t.equal(res.statusCode, 500, 'the delay carried on to the answering rule')
  t.ok(Date.now() - started >= 19, 'delayed by the profile')
  t.equal(res.headers['x-scanstub-fault'] !== profile.id, true, 'the answering rule is named')
  await app.inject({ method: 'DELETE', url: '/__admin/faults' })
  t.equal((await fault(app, { path: '/**', latency: { lognormal: { median: 5, sigma: 0.5 } } })).statusCode, 201)
  t.equal((await neostra({ url: '/api/v1/integrations' })).statusCode, 200)
  t.match((await fault(app, { path: '/**', latency: { uniform: { min: 9, max: 1 } } })).json(), { message: /min is above max/ })
})

t.test('limits: rules per tenant and bytes per rule, named in the 400', async t => {
  const { app } = await buildTestApp(t, { FAULT_RULES_LIMIT: '2', FAULT_RULE_BYTES: '2048' })
  t.equal((await fault(app, { path: '/a', status: 500 })).statusCode, 201)
  t.equal((await fault(app, { path: '/b', status: 500 })).statusCode, 201)
  t.match((await fault(app, { path: '/c', status: 500 })).json(), { message: /tenant default has 2 fault rules already/ })
  t.equal((await fault(app, { path: '/c', status: 500 }, 'other')).statusCode, 201, 'another tenant has its own allowance')
  t.match((await fault(app, { path: '/d', status: 500, body: 'x'.repeat(4000) }, 'big')).json(), { message: /at most 2048 bytes/ })
  t.equal((await app.inject({ url: '/__admin/faults?tenant=big' })).json().faults.length, 0, 'nothing stored')
})

t.test('a reset (dropped connection) and a faulted request are journaled with the body the client sent', async t => {
  const { app, neostra } = await buildTestApp(t)
  const rule = (await fault(app, { method: 'PATCH', path: SCAN, status: 500, times: 1 })).json()
  await neostra({ method: 'PATCH', url: SCAN, payload: { name: 'sent' } })
  const [entry] = (await app.inject({ url: '/__admin/requests?limit=1' })).json().requests
  t.match(entry, { method: 'PATCH', status: 500, body: { name: 'sent' }, fault: rule.id, response: { body: { code: 500 } } })
})

t.test('over real HTTP, a dropped connection is journaled with the body sent and status 0', async t => {
  const { app, token } = await buildTestApp(t)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const url = `http://127.0.0.1:${(app.server.address() as any).port}`
  const rule = (await fault(app, { path: '/api/**', reset: true, times: 1 })).json()
  await t.rejects(fetch(`${url}${SCAN}`, { method: 'PATCH', headers: { authorization: `Bearer ${token()}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'lost' }) }))
  const [entry] = (await app.inject({ url: '/__admin/requests?limit=1' })).json().requests
  t.match(entry, { method: 'PATCH', path: SCAN, status: 0, body: { name: 'lost' }, fault: rule.id, refused: `fault rule ${rule.id}` })
})
