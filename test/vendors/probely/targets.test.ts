import t from 'tap'
import { buildTestApp } from '../../helpers'

const A = 'AxtkqTE1AbFd' // demo target: two scheduled scans, three finding templates
const B = '3ZpBnUd9WcGh' // demo target: one scheduled scan
const T0 = '2031-03-01T10:00:00.000Z'

type App = Awaited<ReturnType<typeof buildTestApp>>['app']
type Probely = Awaited<ReturnType<typeof buildTestApp>>['probely']

const freeze = async (app: App, to = T0) => { await app.inject({ method: 'POST', url: '/__admin/clock', payload: { to } }) }
const exported = async (app: App) => (await app.inject({ method: 'GET', url: '/__admin/fixtures' })).json()
const listIds = async (probely: Probely, url: string) => (await probely({ method: 'GET', url: `${url}?length=1000` })).json().results.map((r: { id: string }) => r.id)

t.test('POST /targets/: 201 with the whole new target, the query flags accepted; listed, read with and without the slash', async t => {
  const { app, probely } = await buildTestApp(t)
  await freeze(app)
  const res = await probely({
    method: 'POST',
    url: '/targets/?duplicate_check=False&skip_reachability_check=True',
    payload: { site: { url: 'https://shop.example.com/app', name: 'Shop' }, type: 'api', labels: [{ name: 'ci', color: '#FF0000' }], scan_profile: 'lightning' }
  })
  t.equal(res.statusCode, 201)
  t.equal(res.statusMessage, 'Created')
  const target = res.json()
  t.match(target.id, /^[1-9A-HJ-NP-Za-km-z]{12}$/)
  t.match(target, {
    name: 'Shop', type: 'api', scan_profile: 'lightning', next_scan: null, last_scan: null, running_scan: null, lows: 0,
    changed: '2031-03-01T10:00:00.000000Z', changed_by: { id: 'u-alice', email: 'alice@example.com', name: 'Alice Tester' },
    site: { url: 'https://shop.example.com/app', name: 'Shop', host: 'shop.example.com', desc: '', whitelist: [], blacklist: [], otp_type: 'totp' },
    labels: [{ name: 'ci', color: '#FF0000', changed_by: { id: 'u-alice' } }]
  })
  t.not(target.site.id, target.id)
  for (const url of [`/targets/${target.id}/`, `/targets/${target.id}`]) t.same((await probely({ method: 'GET', url })).json(), target, url)
  t.same(await listIds(probely, '/targets/'), [A, B, target.id])

  // an existing label by id; the smallest body: the URL alone
  const labelled = await probely({ method: 'POST', url: '/targets', payload: { site: { url: 'http://localhost:3000' }, labels: [{ id: target.labels[0].id }] } })
  t.equal(labelled.statusCode, 201)
  t.match(labelled.json(), { name: '', type: 'single', site: { url: 'http://localhost:3000', host: 'localhost' }, labels: [target.labels[0]] })
})

t.test('bad target bodies: DRF messages for each field, nested under site and labels, and nothing stored', async t => {
  const { app, probely } = await buildTestApp(t)
  const before = await exported(app)
  const cases: Array<[unknown, unknown]> = [
    [{}, { site: ['This field is required.'] }],
    [{ site: {} }, { site: { url: ['This field is required.'] } }],
    [{ site: null }, { site: ['This field may not be null.'] }],
    [{ site: 'https://x.example.com' }, { site: { non_field_errors: ['Invalid data. Expected a dictionary, but got str.'] } }],
    [{ site: { url: 'not a url' } }, { site: { url: ['Enter a valid URL.'] } }],
    [{ site: { url: 'http://intranet' } }, { site: { url: ['Enter a valid URL.'] } }],
    [{ site: { url: '' } }, { site: { url: ['This field may not be blank.'] } }],
    [{ site: { url: 'https://a.example.com', name: 'x'.repeat(256), has_otp: 'maybe' } },
      { site: { name: ['Ensure this field has no more than 255 characters.'], has_otp: ['Must be a valid boolean.'] } }],
    [{ site: { url: 'https://a.example.com', headers: 'X-A: 1' } }, { site: { headers: ['Expected a list of items but got type "str".'] } }],
    [{ site: { url: 'https://a.example.com', headers: [{ name: 'X-A' }] } }, { site: { headers: [{ value: ['This field is required.'] }] } }],
    [{ site: { url: 'https://a.example.com', otp_type: 'sms' } }, { site: { otp_type: ['"sms" is not a valid choice.'] } }],
    [{ site: { url: 'https://a.example.com' }, type: 'desktop' }, { type: ['"desktop" is not a valid choice.'] }],
    [{ site: { url: 'https://a.example.com' }, scan_profile: 'deep' }, { scan_profile: ['Invalid pk "deep" - object does not exist.'] }],
    [{ site: { url: 'https://a.example.com' }, scan_profile: true }, { scan_profile: ['Incorrect type. Expected pk value, received bool.'] }],
    [{ site: { url: 'https://a.example.com' }, labels: 'ci' }, { labels: ['Expected a list of items but got type "str".'] }],
    [{ site: { url: 'https://a.example.com' }, labels: [{ name: 'ok' }, 'ci', { id: 'NoSuchLabel1' }] },
      { labels: [{}, { non_field_errors: ['Invalid data. Expected a dictionary, but got str.'] }, { id: ['Invalid pk "NoSuchLabel1" - object does not exist.'] }] }],
    [[], { non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] }]
  ]
  for (const [payload, wanted] of cases) {
    const res = await probely({ method: 'POST', url: '/targets/', payload: payload as object })
    t.equal(res.statusCode, 400, JSON.stringify(payload).slice(0, 80))
    t.same(res.json(), wanted, JSON.stringify(payload).slice(0, 80))
  }
  const nullBody = await probely({ method: 'POST', url: '/targets/', headers: { 'content-type': 'application/json' }, payload: 'null' })
  t.same(nullBody.json(), { non_field_errors: ['No data provided'] })
  t.same(await exported(app), before, 'nothing refused was stored')
})

t.test('PATCH patches site field by field and answers the whole target; PUT is the full update; read-only fields ignored', async t => {
  const { app, probely } = await buildTestApp(t)
  await freeze(app)
  const original = (await probely({ method: 'GET', url: `/targets/${A}/` })).json()
  const res = await probely({ method: 'PATCH', url: `/targets/${A}`, payload: { site: { name: 'Renamed' }, id: 'ignored', lows: 99, environment: 'staging' } })
  t.equal(res.statusCode, 200)
  const patched = res.json()
  t.same(patched, {
    ...original,
    name: 'Renamed',
    environment: 'staging',
    site: { ...original.site, name: 'Renamed', changed: '2031-03-01T10:00:00.000000Z', changed_by: patched.changed_by },
    changed: '2031-03-01T10:00:00.000000Z',
    changed_by: { id: 'u-alice', email: 'alice@example.com', name: 'Alice Tester' }
  })
  t.same((await probely({ method: 'GET', url: `/targets/${A}/` })).json(), patched)
  // scheduled scans and scans nest the new site
  t.equal((await probely({ method: 'GET', url: `/targets/${A}/scheduledscans/` })).json().results[0].target.site.name, 'Renamed')

  const empty = await probely({ method: 'PATCH', url: `/targets/${A}/`, payload: {} })
  t.match(empty.json(), { name: 'Renamed', site: { url: original.site.url } })
  const bad = await probely({ method: 'PATCH', url: `/targets/${A}/`, payload: { site: { url: 'ftp//nope' }, report_fileformat: 'odt' } })
  t.same(bad.json(), { site: { url: ['Enter a valid URL.'] }, report_fileformat: ['"odt" is not a valid choice.'] })
  t.equal((await probely({ method: 'GET', url: `/targets/${A}/` })).json().site.url, original.site.url, 'a refused PATCH changes nothing')

  t.same((await probely({ method: 'PUT', url: `/targets/${A}/`, payload: { site: { name: 'No URL' } } })).json(), { site: { url: ['This field is required.'] } })
  const put = await probely({ method: 'PUT', url: `/targets/${A}/`, payload: { site: { url: 'https://new.example.com' } } })
  t.equal(put.statusCode, 200)
  t.match(put.json(), { name: 'Renamed', site: { url: 'https://new.example.com', host: 'new.example.com', name: 'Renamed' } })
  t.same((await probely({ method: 'PATCH', url: '/targets/NoSuchTarget/', payload: { site: 7 } })).json(), { detail: 'Not found.' }, '404 before the body is read')
})

t.test('STRICT=1 reports read-only and unknown target fields', async t => {
  const { probely } = await buildTestApp(t, { STRICT: '1' })
  const res = await probely({ method: 'PATCH', url: `/targets/${A}/`, payload: { id: 'x', site: { host: 'h', nmae: 'typo' }, colour: 1 } })
  t.same(res.json(), { id: ['This field is read-only.'], site: { host: ['This field is read-only.'], nmae: ['Unknown field.'] }, colour: ['Unknown field.'] })
})

t.test('DELETE: 204, and its scheduled scans, scans and findings go with it; lists and next_scan say so', async t => {
  const { app, probely } = await buildTestApp(t)
  await freeze(app)
  const scan = (await probely({ method: 'POST', url: `/targets/${A}/scan_now/` })).json()
  await app.inject({ method: 'POST', url: '/__admin/clock', payload: { advanceMs: 10_000 } })
  t.equal((await probely({ method: 'GET', url: `/targets/${A}/findings/` })).json().count, 3)
  const scheduleOfB = (await probely({ method: 'GET', url: `/targets/${B}/scheduledscans/` })).json().results[0].id

  const res = await probely({ method: 'DELETE', url: `/targets/${A}`, payload: {} })
  t.equal(res.statusCode, 204)
  t.equal(res.statusMessage, 'No Content')
  t.equal(res.body, '')
  t.equal((await probely({ method: 'GET', url: `/targets/${A}/` })).statusCode, 404)
  t.equal((await probely({ method: 'DELETE', url: `/targets/${A}/` })).statusCode, 404)
  t.same(await listIds(probely, '/targets/'), [B])
  t.same(await listIds(probely, '/scheduledscans/'), [scheduleOfB])
  t.same(await listIds(probely, '/scans/'), [])
  t.equal((await probely({ method: 'GET', url: `/scans/${scan.id}/` })).statusCode, 404)
  t.equal((await probely({ method: 'GET', url: '/findings/' })).json().count, 0)
  t.equal((await probely({ method: 'GET', url: `/targets/${A}/scheduledscans/` })).statusCode, 404)
  const fixture = await exported(app)
  t.same(fixture.probely.targets.map((x: { id: string }) => x.id), [B])
  t.same(fixture.probely.scheduledScans.map((x: { target: string }) => x.target), [B])
  // the clock runs on without the deleted target's events doing anything
  t.equal((await app.inject({ method: 'POST', url: '/__admin/clock', payload: { advanceMs: 30 * 86_400_000 } })).statusCode, 200)
  t.same(await listIds(probely, '/targets/'), [B])
  // finding ids are never handed out twice: B's first finding comes after A's three, gone as they are
  await probely({ method: 'POST', url: `/targets/${B}/scan_now/` }) // (B's own schedule may have run one already)
  await app.inject({ method: 'POST', url: '/__admin/clock', payload: { advanceMs: 10_000 } })
  t.same((await listIds(probely, '/findings/')), [4], 'a new id, not 1 again')
})

t.test('bulk update writes the fields on every target (all or none); bulk delete deletes them all', async t => {
  const { app, probely } = await buildTestApp(t)
  const created = (await probely({ method: 'POST', url: '/targets/', payload: { site: { url: 'https://c.example.com' } } })).json()
  const res = await probely({ method: 'POST', url: '/targets/bulk/update', payload: { ids: [A, created.id], labels: [{ name: 'bulk' }], site: { desc: 'both' } } })
  t.equal(res.statusCode, 200)
  t.same(res.json(), { ids: [A, created.id] })
  for (const id of [A, created.id]) {
    t.match((await probely({ method: 'GET', url: `/targets/${id}` })).json(), { labels: [{ name: 'bulk' }], site: { desc: 'both' } })
  }
  t.equal((await probely({ method: 'GET', url: `/targets/${B}` })).json().site.desc === 'both', false)

  const before = await exported(app)
  for (const [payload, wanted] of [
    [{ labels: [] }, { ids: ['This field is required.'] }],
    [{ ids: A }, { ids: ['Expected a list of items but got type "str".'] }],
    [{ ids: [A, 'NoSuchTarget'], type: 'api' }, { ids: ['Invalid pk "NoSuchTarget" - object does not exist.'] }],
    [{ ids: [A], type: 'x' }, { type: ['"x" is not a valid choice.'] }]
  ] as const) {
    const bad = await probely({ method: 'POST', url: '/targets/bulk/update/', payload })
    t.equal(bad.statusCode, 400)
    t.same(bad.json(), wanted)
  }
  for (const payload of [{}, { ids: [A, 'NoSuchTarget'] }, { ids: [true] }]) {
    t.equal((await probely({ method: 'POST', url: '/targets/bulk/delete/', payload })).statusCode, 400, JSON.stringify(payload))
  }
  t.same(await exported(app), before, 'nothing refused changed anything')

  const del = await probely({ method: 'POST', url: '/targets/bulk/delete/', payload: { ids: [A, created.id] } })
  t.equal(del.statusCode, 200)
  t.same(del.json(), { ids: [A, created.id] })
  t.same(await listIds(probely, '/targets/'), [B])
})

t.test('targets written through the API are in SQLite: a fresh app on the same file reads them; reset brings the fixture back', async t => {
  const first = await buildTestApp(t)
  const created = (await first.probely({ method: 'POST', url: '/targets/', payload: { site: { url: 'https://kept.example.com', name: 'Kept' } } })).json()
  await first.probely({ method: 'PATCH', url: `/targets/${B}/`, payload: { site: { name: 'B renamed' } } })
  await first.probely({ method: 'DELETE', url: `/targets/${A}/` })
  await first.app.close()
  const second = await buildTestApp(t, {}, first.database)
  t.same(await listIds(second.probely, '/targets/'), [B, created.id])
  t.equal((await second.probely({ method: 'GET', url: `/targets/${B}/` })).json().name, 'B renamed')
  t.same((await second.probely({ method: 'GET', url: `/targets/${created.id}/` })).json(), created)

  t.equal((await second.app.inject({ method: 'POST', url: '/__admin/reset' })).statusCode < 300, true)
  t.same(await listIds(second.probely, '/targets/'), [A, B])
})

t.test('tenants: a target created in one tenant is a 404 in another', async t => {
  const { probely, token } = await buildTestApp(t)
  const created = (await probely({ method: 'POST', url: '/targets/', payload: { site: { url: 'https://mine.example.com' } } })).json()
  const other = { authorization: `JWT ${token({ sub: 'u-bob', email: 'bob@example.com', name: 'Bob', tenant: 'other' })}` }
  t.equal((await probely({ method: 'GET', url: `/targets/${created.id}/`, headers: other })).statusCode, 404)
  t.equal((await probely({ method: 'DELETE', url: `/targets/${created.id}/`, headers: other })).statusCode, 404)
  t.same((await probely({ method: 'POST', url: '/targets/bulk/delete/', headers: other, payload: { ids: [created.id] } })).json(),
    { ids: [`Invalid pk "${created.id}" - object does not exist.`] })
  t.equal((await probely({ method: 'GET', url: `/targets/${created.id}/` })).statusCode, 200)
})

t.test('journal and faults cover targets written through the API', async t => {
  const { app, probely } = await buildTestApp(t)
  // a 503 injected on the create: the client's retry test; nothing is stored
  await app.inject({ method: 'POST', url: '/__admin/faults', payload: { method: 'POST', path: '/targets/', status: 503, times: 1 } })
  const failed = await probely({ method: 'POST', url: '/targets/', payload: { site: { url: 'https://retry.example.com' } } })
  t.equal(failed.statusCode, 503)
  t.same(failed.json(), { detail: 'Service temporarily unavailable, try again later.' })
  t.same(await listIds(probely, '/targets/'), [A, B])
  const created = (await probely({ method: 'POST', url: '/targets/', payload: { site: { url: 'https://retry.example.com' } } })).json()
  await probely({ method: 'DELETE', url: `/targets/${created.id}/` })
  const journal = (await app.inject({ url: '/__admin/requests?limit=4' })).json().requests
  t.match(journal.map((e: { method: string, path: string, status: number }) => [e.method, e.path, e.status]),
    [['DELETE', `/targets/${created.id}/`, 204], ['POST', '/targets/', 201], ['GET', '/targets/', 200], ['POST', '/targets/', 503]])
})
