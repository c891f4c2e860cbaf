import t from 'tap'
import { ANONYMOUS_TENANT, Journal } from '../../src/core/journal'
import { buildTestApp, forgedCopy } from '../helpers'

const SCAN = '/api/v1/scans/scan-adhoc'

t.test('each entry carries the answer (redacted) and, when refused, why in words', async t => {
  const { app, neostra, token } = await buildTestApp(t, { STRICT: '1' })
  await neostra({ method: 'PATCH', url: SCAN, payload: { nmae: 'typo' } })
  await app.inject({ url: SCAN, headers: { authorization: `Bearer ${token(undefined, 1)}` } }) // fine for one second
  const [expired, typo] = (await app.inject({ url: '/__admin/requests?limit=2' })).json().requests
  t.equal(expired.status, 200)
  t.match(expired.response, { headers: { 'content-type': /json/ }, body: { status: 200, data: { id: 'scan-adhoc' } } })
  t.equal(expired.refused, undefined, 'an answered request is not refused')
  t.equal(typo.status, 400)
  t.match(typo.refused, /nmae/, 'the vendor\'s reason, in words')
  const none = await app.inject({ url: SCAN })
  t.equal(none.statusCode, 401)
  const [anon] = (await app.inject({ url: `/__admin/requests?tenant=${encodeURIComponent(ANONYMOUS_TENANT)}&limit=1` })).json().requests
  t.match(anon, { tenant: ANONYMOUS_TENANT, status: 401, refused: /./ })
})

t.test('per-tenant budgets: one tenant\'s traffic never evicts another\'s; unverified traffic has a small share', async t => {
  const { app, token } = await buildTestApp(t, { JOURNAL_LIMIT: '20', JOURNAL_BYTES: '1048576' })
  const w1 = { authorization: `Bearer ${token({ tenant: 'w1' })}` }
  const w2 = { authorization: `Bearer ${token({ tenant: 'w2' })}` }
  await app.inject({ url: '/api/v1/integrations', headers: w1 })
  for (let i = 0; i < 40; i++) await app.inject({ url: '/api/v1/integrations', headers: w2 })
  for (let i = 0; i < 40; i++) await app.inject({ url: `/nothing/${i}`, payload: 'x'.repeat(8000), method: 'POST' })
  t.equal(app.journal.sizeOf('w1'), 1, 'w1 keeps its entry')
  t.equal(app.journal.sizeOf('w2'), 20, 'w2 bounded by JOURNAL_LIMIT')
  t.equal(app.journal.sizeOf(ANONYMOUS_TENANT), 2, 'anonymous: a tenth')
  // a badly signed token naming w1 is filed under the anonymous share, not w1's
  const forged = forgedCopy(token({ tenant: 'w1' }))
  await app.inject({ url: '/api/v1/integrations', headers: { authorization: `Bearer ${forged}` } })
  t.equal(app.journal.sizeOf('w1'), 1)
})

t.test('the byte budget drops the oldest entries of that tenant only', async t => {
  const journal = new Journal({ entries: 1000, bytes: 4000 })
  const entry = (tenant: string, n: number) => ({ time: new Date().toISOString(), tenant, method: 'POST', path: `/x/${n}`, query: {}, headers: {}, body: 'b'.repeat(900), status: 200, response: { headers: {}, text: '{"ok":true}' }, durationMs: 1, matched: true })
  for (let i = 0; i < 20; i++) journal.record(entry('a', i))
  journal.record(entry('b', 0))
  t.ok(journal.bytes <= 8000, `bytes kept ${journal.bytes}`)
  t.equal(journal.sizeOf('b'), 1)
  t.same(journal.find({ tenant: 'a' }).map(e => e.path), ['/x/19', '/x/18', '/x/17'], 'newest kept')
  t.same(journal.find({ tenant: 'a', limit: 1 })[0].response, { headers: {}, body: { ok: true } })
})

t.test('events: a vendor\'s non-request happenings, journaled as EVENT, waited for like requests', async t => {
  const journal = new Journal({ entries: 10, bytes: 100_000 })
  const waiting = journal.wait({ tenant: 'w', method: 'EVENT', path: 'task.status' }, 1, 2000)
  journal.event('w', 'task.status', { taskId: 't1', status: 'running' })
  const { timedOut, requests } = await waiting
  t.equal(timedOut, false)
  t.match(requests, [{ method: 'EVENT', path: 'task.status', body: { taskId: 't1', status: 'running' }, status: 0 }])
})

t.test('GET /__admin/requests/wait: 200 as soon as count match, 408 with what matched at the timeout', async t => {
  const { app, neostra } = await buildTestApp(t)
  const waiting = app.inject({ url: '/__admin/requests/wait?method=PATCH&path=/api/v1/scans/*&count=2&timeoutMs=5000' })
  await neostra({ method: 'PATCH', url: SCAN, payload: { name: 'one' } })
  await neostra({ url: SCAN })
  await neostra({ method: 'PATCH', url: SCAN, payload: { name: 'two' } })
  const done = await waiting
  t.equal(done.statusCode, 200)
  t.same(done.json().requests.map((e: any) => e.body), [{ name: 'two' }, { name: 'one' }])
  const started = Date.now()
  const late = await app.inject({ url: '/__admin/requests/wait?method=DELETE&timeoutMs=50' })
  t.equal(late.statusCode, 408)
  t.same(late.json(), { requests: [] })
  t.ok(Date.now() - started < 2000, 'the waiter did not outlive its timeout')
  t.equal((await app.inject({ url: '/__admin/requests/wait?timeoutMs=999999' })).statusCode, 400, 'timeoutMs bounded')
})

t.test('near misses: the closest route and why, for unmatched and refused requests', async t => {
  const { app, neostra, token } = await buildTestApp(t)
  await neostra({ method: 'PATCH', url: '/api/v1/scan/scan-adhoc', payload: {} })
  await neostra({ method: 'PUT', url: SCAN, payload: {} })
  await app.inject({ url: SCAN, headers: { authorization: 'Basic dXNlcjpwYXNz' } })
  await neostra({ url: '/api/v1/integrations' })
  const misses = (await app.inject({ url: '/__admin/requests/near-misses' })).json().requests
  t.same(misses.map((m: any) => [m.method, m.path, m.closest, m.why]), [
    ['PUT', SCAN, 'PUT /api/v1/scans/:scanId', 'Method PUT is not allowed on this resource'],
    ['PATCH', '/api/v1/scan/scan-adhoc', 'PATCH /api/v1/scans/:scanId', 'segment 3 is "scan" where the route has "scans"']
  ], 'answered requests are not near misses; a 405 names its route and the vendor\'s words')
  const anon = (await app.inject({ url: `/__admin/requests/near-misses?tenant=${encodeURIComponent('(anonymous)')}` })).json().requests
  t.match(anon, [{ method: 'GET', path: SCAN, closest: 'GET /api/v1/scans/:scanId', why: /./ }], 'a wrong scheme: the route, and the vendor\'s words')
  t.ok(token())
})
