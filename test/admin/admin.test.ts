import t from 'tap'
import { ALICE, buildTestApp, claimsOf, demoFixture, expectAnswer, signHs256 } from '../helpers'

const SCAN = '/api/v1/scans/scan-adhoc'
const SS = '/targets/AxtkqTE1AbFd/scheduledscans/Dq7HkZ2vRtYp/'

t.test('reset: one tenant back to the fixture, with its journal and faults; or every tenant', async t => {
  const { app, neostra, token } = await buildTestApp(t)
  await neostra({ method: 'PATCH', url: SCAN, payload: { name: 'changed' } })
  const blue = token({ ...ALICE, tenant: 'blue' })
  await app.inject({ method: 'PATCH', url: SCAN, headers: { authorization: `Bearer ${blue}` }, payload: { name: 'blue' } })
  await app.inject({ method: 'POST', url: '/__admin/faults', payload: { path: '/nothing', status: 500 } })

  const res = await app.inject({ method: 'POST', url: '/__admin/reset' })
  t.same(res.json(), { reset: ['default'] })
  t.equal((await neostra({ method: 'GET', url: SCAN })).json().data.name, 'Ad-hoc scan')
  t.equal((await app.inject({ method: 'GET', url: SCAN, headers: { authorization: `Bearer ${blue}` } })).json().data.name, 'blue', 'other tenants untouched')
  t.same((await app.inject({ method: 'GET', url: '/__admin/faults' })).json(), { faults: [] })
  t.same((await app.inject({ method: 'GET', url: '/__admin/requests' })).json().requests.map((r: { method: string }) => r.method), ['GET'], 'journal cleared before the GET above')

  const all = await app.inject({ method: 'POST', url: '/__admin/reset?all=true' })
  t.same(all.json(), { reset: ['blue', 'default'] })
  t.equal((await app.inject({ method: 'GET', url: SCAN, headers: { authorization: `Bearer ${blue}` } })).json().data.name, 'Ad-hoc scan')
})

t.test('fixtures: the export loads back to the same state; a bad fixture is a 400 naming the record and changes nothing', async t => {
  const { app, neostra, probely } = await buildTestApp(t)
  await neostra({ method: 'PATCH', url: SCAN, payload: { name: 'exported', config: { a: [1, 2] } } })
  await probely({ method: 'PATCH', url: SS, payload: { date_time: '2031-01-02T03:04:05.678901Z', recurrence: 'q' } })
  const exported = (await app.inject({ method: 'GET', url: '/__admin/fixtures' })).json()

  const loaded = await app.inject({ method: 'PUT', url: '/__admin/fixtures?tenant=copy', payload: exported })
  t.same(loaded.json(), { tenant: 'copy', loaded: { integrations: 5, scans: 3, users: 3, tasks: 0, scanProfiles: 2, targets: 2, scheduledScans: 3 } })
  t.same((await app.inject({ method: 'GET', url: '/__admin/fixtures?tenant=copy' })).json(), exported, 'same state')

  const broken = structuredClone(exported)
  broken.probely.scheduledScans[0].target = 'Missing1'
  const refused = await app.inject({ method: 'PUT', url: '/__admin/fixtures?tenant=copy', payload: broken })
  expectAnswer(t, refused, 400, {
    error: 'Bad Request',
    message: 'fixture refused',
    details: ['probely.scheduledScans[0] (id "Dq7HkZ2vRtYp"): target "Missing1" names no target of the fixture']
  })
  t.same((await app.inject({ method: 'GET', url: '/__admin/fixtures?tenant=copy' })).json(), exported, 'nothing of it loaded')
  const notJson = await app.inject({ method: 'PUT', url: '/__admin/fixtures', headers: { 'content-type': 'application/json' }, payload: '{' })
  expectAnswer(t, notJson, 400, { error: 'Bad Request', message: /JSON/ }, { match: true })
  const badTenant = await app.inject({ method: 'GET', url: '/__admin/fixtures?tenant=a/b' })
  expectAnswer(t, badTenant, 400, { error: 'Bad Request', message: /querystring\/tenant must match pattern/ }, { match: true })
})

t.test('the journal: newest first, filters, count, unmatched, no secrets, cleared by DELETE', async t => {
  const { app, neostra, probely } = await buildTestApp(t)
  await neostra({ method: 'PATCH', url: SCAN, payload: { name: 'one', config: { password: 'hunter2', nested: { api_key: 'k' } } } })
  await probely({ method: 'PATCH', url: SS, payload: { recurrence: 'x' } })
  await probely({ method: 'GET', url: '/no/such/path?x=1' })
  await app.inject({ method: 'GET', url: '/health' })

  const all = (await app.inject({ method: 'GET', url: '/__admin/requests' })).json().requests
  t.same(all.map((r: { method: string, path: string, status: number }) => [r.method, r.path, r.status]), [
    ['GET', '/no/such/path', 404],
    ['PATCH', SS, 400],
    ['PATCH', SCAN, 200]
  ], 'newest first; /health and admin calls are not journaled')
  const patch = all[2]
  t.equal(patch.headers.authorization, 'Bearer [redacted]')
  t.same(patch.body, { name: 'one', config: { password: '[redacted]', nested: { api_key: '[redacted]' } } })
  t.notOk(JSON.stringify(all).includes('eyJ'), 'no token anywhere in the journal')
  t.same(all[0].query, { x: '1' })
  t.equal(all[0].matched, false)
  t.equal(typeof patch.durationMs, 'number')

  const q = async (query: string) => (await app.inject({ method: 'GET', url: `/__admin/requests?${query}` })).json().requests.length
  t.equal(await q('method=patch'), 2)
  t.equal(await q('path=/targets/**'), 1)
  t.equal(await q('path=/api/v1/scans/*'), 1)
  t.equal(await q('status=400'), 1)
  t.equal(await q('limit=1'), 1)
  t.equal(await q(`since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`), 0)
  t.same((await app.inject({ method: 'GET', url: '/__admin/requests/count?method=PATCH' })).json(), { count: 2 })
  const unmatched = (await app.inject({ method: 'GET', url: '/__admin/requests/unmatched' })).json().requests
  t.same(unmatched.map((r: { path: string }) => r.path), ['/no/such/path'])
  const bad = await app.inject({ method: 'GET', url: '/__admin/requests?status=abc' })
  expectAnswer(t, bad, 400, { error: 'Bad Request', message: /querystring\/status must match pattern/ }, { match: true })

  t.same((await app.inject({ method: 'DELETE', url: '/__admin/requests' })).json(), { cleared: 'default' })
  t.equal(await q(''), 0)
})

t.test('the journal is bounded: the oldest entries are dropped', async t => {
  const { app, neostra } = await buildTestApp(t, { JOURNAL_LIMIT: '3' })
  for (let i = 0; i < 5; i++) await neostra({ method: 'GET', url: `/api/v1/scans?i=${i}` })
  const entries = (await app.inject({ method: 'GET', url: '/__admin/requests' })).json().requests
  t.same(entries.map((e: { query: { i: string } }) => e.query.i), ['4', '3', '2'])
  t.equal(app.journal.size, 3)
})

t.test('a fault rule that fires exactly N times, with the vendor\'s body by default', async t => {
  const { app, neostra, probely } = await buildTestApp(t)
  const created = await app.inject({ method: 'POST', url: '/__admin/faults', payload: { method: 'PATCH', path: '/api/v1/scans/*', status: 503, times: 2 } })
  t.equal(created.statusCode, 201)
  t.match(created.json(), { method: 'PATCH', path: '/api/v1/scans/*', status: 503, times: 2, tenant: 'default', hits: 0 })
  const statuses = []
  for (let i = 0; i < 4; i++) statuses.push((await neostra({ method: 'PATCH', url: SCAN, payload: { name: `try ${i}` } })).statusCode)
  t.same(statuses, [503, 503, 200, 200])
  t.same((await app.inject({ method: 'GET', url: '/__admin/faults' })).json(), { faults: [] }, 'retired after N')
  t.equal((await neostra({ method: 'GET', url: SCAN })).json().data.name, 'try 3', 'faulted requests wrote nothing')

  await app.inject({ method: 'POST', url: '/__admin/faults', payload: { path: '/targets/**', status: 429, times: 1 } })
  expectAnswer(t, await probely({ method: 'GET', url: SS }), 429, { detail: 'Request was throttled.' })
  await app.inject({ method: 'POST', url: '/__admin/faults', payload: { path: '/api/**', status: 500, times: 1 } })
  expectAnswer(t, await neostra({ method: 'GET', url: SCAN }), 500, { error: 'Internal Server Error', message: 'Internal Server Error', code: 500 })
  await app.inject({ method: 'POST', url: '/__admin/faults', payload: { path: '/api/**', status: 418, body: { custom: true }, times: 1 } })
  expectAnswer(t, await neostra({ method: 'GET', url: SCAN }), 418, { custom: true })
})

t.test('fault rules: delay, until deleted, other tenants untouched, ttl, repeatable probability', async t => {
  const { app, neostra, token } = await buildTestApp(t)
  const slow = (await app.inject({ method: 'POST', url: '/__admin/faults', payload: { path: '/api/v1/integrations', delayMs: 150 } })).json()
  const started = Date.now()
  const res = await neostra({ method: 'GET', url: '/api/v1/integrations' })
  t.equal(res.statusCode, 200)
  t.ok(Date.now() - started >= 140, 'delayed, then answered normally')
  const blue = token({ ...ALICE, tenant: 'blue' })
  t.equal(res.headers['x-scanstub-fault'], slow.id, 'the rule that delayed it is named')
  // not by timing it (a loaded machine is slow anyway): a rule that fires names itself in the answer
  const other = await app.inject({ method: 'GET', url: '/api/v1/integrations', headers: { authorization: `Bearer ${blue}` } })
  t.equal(other.statusCode, 200)
  t.equal(other.headers['x-scanstub-fault'], undefined, 'another tenant\'s requests are not delayed')
  t.same((await app.inject({ method: 'DELETE', url: `/__admin/faults/${slow.id}` })).json(), { deleted: 1 })
  expectAnswer(t, await app.inject({ method: 'DELETE', url: `/__admin/faults/${slow.id}` }), 404, { error: 'Not Found', message: `no fault rule ${slow.id}` })

  const pattern = async () => {
    await app.inject({ method: 'DELETE', url: '/__admin/faults' })
    await app.inject({ method: 'POST', url: '/__admin/faults', payload: { path: '/api/**', status: 500, probability: 0.5, seed: 42 } })
    const out = []
    for (let i = 0; i < 20; i++) out.push((await neostra({ method: 'GET', url: SCAN })).statusCode)
    return out
  }
  const first = await pattern()
  t.same(await pattern(), first, 'the same seed fires on the same requests')
  t.ok(first.includes(500) && first.includes(200), 'some fire, some do not')
})

t.test('bad fault rules are a 400 saying what is wrong', async t => {
  const { app } = await buildTestApp(t)
  const cases: [object, RegExp][] = [
    [{ status: 500 }, /body must have required property 'path'/],
    [{ path: '/x' }, /needs one of status, delayMs, latency, reset: true, kind, dribbleMs or sequence/],
    [{ path: '/x', status: 99 }, /body\/status must be >= 100/],
    [{ path: '/x', status: 500, probability: 2 }, /body\/probability must be <= 1/],
    [{ path: '/x', status: 500, seed: 1 }, /seed goes with probability/],
    [{ path: '/x', status: 500, reset: true }, /cannot both reset/],
    [{ path: '/x', status: 500, colour: 'red' }, /body must NOT have additional properties: "colour"/]
  ]
  for (const [payload, message] of cases) {
    const res = await app.inject({ method: 'POST', url: '/__admin/faults', payload })
    expectAnswer(t, res, 400, { error: 'Bad Request', message }, { match: true, message: JSON.stringify(payload) })
  }
  t.same((await app.inject({ method: 'GET', url: '/__admin/faults' })).json(), { faults: [] }, 'none of them added')
})

t.test('tokens: minted for claims, accepted by both vendors, expiring', async t => {
  const { app } = await buildTestApp(t)
  const res = await app.inject({ method: 'POST', url: '/__admin/tokens', payload: { sub: 'w1', email: 'w1@x.io', name: 'Worker', tenant: 'worker-1', expiresIn: '1h' } })
  t.equal(res.statusCode, 201)
  const { token } = res.json()
  const ss = await app.inject({ method: 'PATCH', url: SS, headers: { authorization: `JWT ${token}` }, payload: { recurrence: 'h' } })
  t.same(ss.json().changed_by, { id: 'w1', email: 'w1@x.io', name: 'Worker' })
  t.same(app.tenants.list(), ['default', 'worker-1'])
  // expiring, without waiting for it: the minted lifetime is exp - iat, and a token past its exp
  // (signed the same way, by hand) is refused
  const short = claimsOf((await app.inject({ method: 'POST', url: '/__admin/tokens', payload: { expiresIn: 1 } })).json().token)
  t.equal((short.exp as number) - (short.iat as number), 1)
  const expired = signHs256({ ...short, iat: (short.iat as number) - 2, exp: (short.exp as number) - 2 })
  expectAnswer(t, await app.inject({ method: 'GET', url: SCAN, headers: { authorization: `Bearer ${expired}` } }), 401, { error: 'Unauthorized', message: 'Token has expired', code: 401 })
  const bad = await app.inject({ method: 'POST', url: '/__admin/tokens', payload: { expiresIn: 'soon' } })
  expectAnswer(t, bad, 400, { error: 'Bad Request', message: /expiresIn/ }, { match: true })
})

t.test('ADMIN_TOKEN guards every admin call; ADMIN_API=off removes the admin API', async t => {
  const guarded = await buildTestApp(t, { ADMIN_TOKEN: 'admin-secret-of-16+' })
  const refused = { error: 'Unauthorized', message: 'admin calls need Authorization: Bearer <ADMIN_TOKEN>' }
  expectAnswer(t, await guarded.app.inject({ method: 'GET', url: '/__admin/requests' }), 401, refused)
  expectAnswer(t, await guarded.app.inject({ method: 'POST', url: '/__admin/tokens', payload: {}, headers: { authorization: 'Bearer wrong' } }), 401, refused)
  // the same length as the right one: a check that compares the token with itself lets this through
  expectAnswer(t, await guarded.app.inject({ method: 'POST', url: '/__admin/tokens', payload: {}, headers: { authorization: 'Bearer admin-secret-of-16-' } }), 401, refused)
  t.equal((await guarded.app.inject({ method: 'GET', url: '/__admin/requests', headers: { authorization: 'Bearer admin-secret-of-16+' } })).statusCode, 200)

  const off = await buildTestApp(t, { ADMIN_API: 'off' })
  expectAnswer(t, await off.app.inject({ method: 'POST', url: '/__admin/reset' }), 404, { detail: 'Not found.' })
})

t.test('GET /__admin/health', async t => {
  const { app } = await buildTestApp(t)
  t.same((await app.inject({ method: 'GET', url: '/__admin/health' })).json(), { status: 'ok', database: 'ok' })
  t.equal(demoFixture().neostra.scans.length, 3)
})

t.test('the journal keeps bodies as the client sent them, not as they were stored', async t => {
  const { app, probely } = await buildTestApp(t)
  await probely({ method: 'PATCH', url: SS, payload: { date_time: '2023-10-14T02:02:00+02:00', partial_scan: 'yes' } })
  await probely({ method: 'PATCH', url: SS, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'incremental=on&scheduled_day_of_week=3' })
  const boundary = 'journalBoundary'
  await probely({ method: 'PATCH', url: SS, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: `--${boundary}\r\nContent-Disposition: form-data; name="recurrence"\r\n\r\nd\r\n--${boundary}--\r\n` })
  const bodies = (await app.inject({ method: 'GET', url: '/__admin/requests' })).json().requests.map((r: { body: unknown }) => r.body)
  t.same(bodies, [{ recurrence: 'd' }, { incremental: 'on', scheduled_day_of_week: '3' }, { date_time: '2023-10-14T02:02:00+02:00', partial_scan: 'yes' }])
})

t.test('fault ttl: a rule fires until its expiresAt and not from then on (no timing window to hit)', async t => {
  const { app, neostra } = await buildTestApp(t)
  // an hour of margin: the rule cannot expire between this call and the next request
  const hour = (await app.inject({ method: 'POST', url: '/__admin/faults', payload: { path: '/api/**', status: 500, ttlMs: 3_600_000 } })).json()
  t.equal(Date.parse(hour.expiresAt) - Date.parse(hour.createdAt), 3_600_000, 'expiresAt is createdAt + ttlMs')
  t.equal((await neostra({ method: 'GET', url: SCAN })).statusCode, 500, 'fires before its ttl')
  await app.inject({ method: 'DELETE', url: '/__admin/faults' })

  // a 1 ms ttl, and the next request sent only once the clock is past expiresAt: it can only be expired
  const ms = (await app.inject({ method: 'POST', url: '/__admin/faults', payload: { path: '/api/**', status: 500, ttlMs: 1 } })).json()
  const due = Date.parse(ms.expiresAt)
  for (let i = 0; i < 100 && Date.now() <= due; i++) await new Promise(resolve => setTimeout(resolve, 2))
  t.ok(Date.now() > due, 'the clock is past expiresAt')
  t.equal((await neostra({ method: 'GET', url: SCAN })).statusCode, 200, 'expired')
  t.same((await app.inject({ method: 'GET', url: '/__admin/faults' })).json(), { faults: [] }, 'and no longer listed')

  // the boundary itself, driven through the rule set's own clock argument: live before expiresAt, gone at it
  const at = Date.parse('2030-01-01T00:00:00.000Z')
  const edge = (now: number) => app.faults.match({ method: 'GET', path: '/edge', tenant: 'edge', query: {}, headers: {} }, now)?.answer.status
  app.faults.add({ path: '/edge', status: 503, tenant: 'edge' }, 'edge', at)
  app.faults.add({ path: '/edge', status: 500, ttlMs: 10, tenant: 'edge' }, 'edge', at)
  t.equal(edge(at + 9), 503, 'the first matching rule wins')
  app.faults.remove('edge')
  app.faults.add({ path: '/edge', status: 500, ttlMs: 10, tenant: 'edge' }, 'edge', at)
  t.equal(edge(at + 9), 500, '1 ms before expiresAt: fires')
  t.equal(edge(at + 10), undefined, 'at expiresAt: expired')
  t.same(app.faults.list('edge', at + 10), [], 'and dropped')
})
