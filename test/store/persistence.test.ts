import t, { type Test } from 'tap'
import { ALICE, buildTestApp, demoFixture, expectAnswer, restart, type TestApp } from '../helpers'

/**
 * Every write route, read back from a FRESH app on the same SQLite file, field by field. The repos keep
 * records parsed in memory (written through), so a read in the same process can be served from that
 * copy: only a new process (here: a new app, nothing shared) shows what really reached SQLite.
 */

const SCAN = '/api/v1/scans/scan-adhoc'
const TARGET = 'AxtkqTE1AbFd'
const SS = `/targets/${TARGET}/scheduledscans/Dq7HkZ2vRtYp/`
const NOT_FOUND_NEOSTRA = { error: 'Not Found', message: 'The requested resource was not found', code: 404 }
const NOT_FOUND_PROBELY = { detail: 'Not found.' }

/** Each key of `wanted` compared on its own, so a lost column is named in the failure. */
function fieldByField (t: Test, found: Record<string, unknown>, wanted: Record<string, unknown>, what: string) {
  t.same(Object.keys(found).sort(), Object.keys(wanted).sort(), `${what}: the same fields`)
  for (const key of Object.keys(wanted)) t.same(found[key], wanted[key], `${what}.${key}`)
}

const exportOf = async (a: TestApp, tenant = 'default') =>
  (await a.app.inject({ method: 'GET', url: `/__admin/fixtures?tenant=${tenant}` })).json()

t.test('Neostra PATCH: every field it wrote is read back by a fresh app', async t => {
  const first = await buildTestApp(t)
  const body = { name: 'Persisted', description: 'on disk', integrationId: 'int-mongo', schedule: '*/10 * * * *', config: { depth: 3, nested: { list: [1, 'two', null] } } }
  const patched = await first.neostra({ method: 'PATCH', url: SCAN, payload: body })
  t.equal(patched.statusCode, 200)
  const answer = patched.json().data

  const fresh = await restart(t, first)
  const read = await fresh.neostra({ method: 'GET', url: SCAN })
  t.equal(read.statusCode, 200)
  fieldByField(t, read.json().data, answer, 'scan')
  const { lastRunAt: _l, ...demoScan } = demoFixture().neostra.scans[2]
  fieldByField(t, read.json().data, { ...demoScan, ...body, integrationIds: [body.integrationId], lastRunAt: null, status: 'IDLE', tasks: answer.tasks, updatedAt: answer.updatedAt }, 'scan vs what was sent')
  t.not(answer.updatedAt, demoFixture().neostra.scans[2].updatedAt, 'updatedAt moved and that too was stored')

  // schedule back to null is a write of its own (CASE WHEN @setSchedule): it must reach the disk too
  await fresh.neostra({ method: 'PATCH', url: SCAN, payload: { schedule: null } })
  const again = await restart(t, fresh)
  t.equal((await again.neostra({ method: 'GET', url: SCAN })).json().data.schedule, null)
})

t.test('Neostra POST: the created scan is read back whole by a fresh app, and is in the list', async t => {
  const first = await buildTestApp(t)
  const body = { id: 'scan-new', name: 'Created', description: 'made by POST', integrationId: 'int-mongo', schedule: '@daily', config: { a: 1 } }
  const created = await first.neostra({ method: 'POST', url: '/api/v1/scans', payload: body })
  t.equal(created.statusCode, 201)
  const answer = created.json().data

  const fresh = await restart(t, first)
  const read = await fresh.neostra({ method: 'GET', url: '/api/v1/scans/scan-new' })
  t.equal(read.statusCode, 200)
  fieldByField(t, read.json().data, answer, 'created scan')
  // a POST launches: integrationIds, scanType and the roll-up come with it
  fieldByField(t, read.json().data, { ...body, integrationIds: [body.integrationId], scanType: 'FULL', lastRunAt: answer.createdAt, status: answer.status, tasks: answer.tasks, createdAt: answer.createdAt, updatedAt: answer.createdAt }, 'created scan vs what was sent')
  const list = (await fresh.neostra({ method: 'GET', url: '/api/v1/scans' })).json().data
  t.same(list.map((s: { id: string }) => s.id), ['scan-web-nightly', 'scan-api-weekly', 'scan-adhoc', 'scan-new'])

  // the defaults a POST fills in are stored, not only answered
  const bare = await fresh.neostra({ method: 'POST', url: '/api/v1/scans', payload: { id: 'scan-bare', name: 'Bare', integrationId: 'int-postgres' } })
  t.equal(bare.statusCode, 201)
  const third = await restart(t, fresh)
  fieldByField(t, (await third.neostra({ method: 'GET', url: '/api/v1/scans/scan-bare' })).json().data, bare.json().data, 'defaults')
})

t.test('Neostra DELETE: a fresh app no longer finds the scan', async t => {
  const first = await buildTestApp(t)
  expectAnswer(t, await first.neostra({ method: 'DELETE', url: SCAN }), 200, { status: 200, message: 'Success', data: {}, errors: [] })
  const fresh = await restart(t, first)
  expectAnswer(t, await fresh.neostra({ method: 'GET', url: SCAN }), 404, NOT_FOUND_NEOSTRA)
  t.same((await fresh.neostra({ method: 'GET', url: '/api/v1/scans' })).json().data.map((s: { id: string }) => s.id), ['scan-web-nightly', 'scan-api-weekly'])
  expectAnswer(t, await fresh.neostra({ method: 'DELETE', url: SCAN }), 404, NOT_FOUND_NEOSTRA, { message: 'a second DELETE' })
})

t.test('Probely PATCH: every writable field reaches SQLite (a fresh app reads each back)', async t => {
  const first = await buildTestApp(t)
  // every writable field changed from the fixture's value, in one PATCH
  const body = {
    date_time: '2031-02-03T04:05:06.789012Z',
    recurrence: 'm',
    timezone: 'Europe/Lisbon',
    run_on_day_of_week: true,
    scheduled_day_of_week: 3,
    week_index: 'second',
    partial_scan: true,
    override_target_settings: true,
    incremental: true,
    reduced_scope: true,
    scan_profile: 'lightning'
  }
  const patched = await first.probely({ method: 'PATCH', url: SS, payload: body })
  t.equal(patched.statusCode, 200)
  const answer = patched.json()
  for (const [key, value] of Object.entries(body)) t.same(answer[key], value, `answered ${key}`)

  const fresh = await restart(t, first)
  const read = await fresh.probely({ method: 'GET', url: SS })
  t.equal(read.statusCode, 200)
  fieldByField(t, read.json(), answer, 'scheduled scan')
  t.same(read.json().changed_by, { id: ALICE.sub, email: ALICE.email, name: ALICE.name }, 'changed_by stored')

  // and each field alone, back to the fixture's value, one PATCH (one prepared UPDATE) per field
  const original = demoFixture().probely.scheduledScans[0]
  const order = ['run_on_day_of_week', 'date_time', 'recurrence', 'timezone', 'scheduled_day_of_week', 'week_index', 'partial_scan', 'override_target_settings', 'incremental', 'reduced_scope', 'scan_profile']
  for (const key of order) {
    const res = await fresh.probely({ method: 'PATCH', url: SS, payload: { [key]: original[key] } })
    t.equal(res.statusCode, 200, `PATCH ${key} alone`)
  }
  const last = await restart(t, fresh)
  const back = (await last.probely({ method: 'GET', url: SS })).json()
  for (const key of order) t.same(back[key], original[key], `${key} alone, read back`)
})

t.test('Probely PATCH by form: converted values are what is stored', async t => {
  const first = await buildTestApp(t)
  const res = await first.probely({
    method: 'PATCH', url: SS,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'incremental=on&partial_scan=true&reduced_scope=1&recurrence=d'
  })
  t.equal(res.statusCode, 200)
  const fresh = await restart(t, first)
  const read = (await fresh.probely({ method: 'GET', url: SS })).json()
  t.same([read.incremental, read.partial_scan, read.reduced_scope, read.recurrence], [true, true, true, 'd'])
})

t.test('Probely POST: the created scheduled scan is read back whole by a fresh app', async t => {
  const first = await buildTestApp(t)
  const body = { date_time: '2032-05-06T07:08:09Z', recurrence: 'q', timezone: 'Asia/Tokyo', run_on_day_of_week: true, scheduled_day_of_week: 7, week_index: 'last', partial_scan: true, override_target_settings: true, incremental: true, reduced_scope: true, scan_profile: 'normal' }
  const created = await first.probely({ method: 'POST', url: `/targets/${TARGET}/scheduledscans/`, payload: body })
  t.equal(created.statusCode, 201)
  const answer = created.json()
  const url = `/targets/${TARGET}/scheduledscans/${answer.id}/`

  const fresh = await restart(t, first)
  const read = await fresh.probely({ method: 'GET', url })
  t.equal(read.statusCode, 200)
  fieldByField(t, read.json(), answer, 'created scheduled scan')
  const list = (await fresh.probely({ method: 'GET', url: `/targets/${TARGET}/scheduledscans/` })).json()
  t.same(list.results.map((s: { id: string }) => s.id), ['Dq7HkZ2vRtYp', 'Fs3JmNq8WxBc', answer.id])
})

t.test('Probely DELETE: a fresh app no longer finds the scheduled scan', async t => {
  const first = await buildTestApp(t)
  const gone = await first.probely({ method: 'DELETE', url: SS })
  t.equal(gone.statusCode, 204)
  t.equal(gone.body, '')
  const fresh = await restart(t, first)
  expectAnswer(t, await fresh.probely({ method: 'GET', url: SS }), 404, NOT_FOUND_PROBELY)
  const list = (await fresh.probely({ method: 'GET', url: '/scheduledscans/' })).json()
  t.same(list.results.map((s: { id: string }) => s.id), ['Fs3JmNq8WxBc', 'Gt5KpRr2YzCd'])
  expectAnswer(t, await fresh.probely({ method: 'DELETE', url: SS }), 404, NOT_FOUND_PROBELY, { message: 'a second DELETE' })
})

t.test('admin PUT fixtures: the loaded fixture is what a fresh app exports, record by record', async t => {
  const first = await buildTestApp(t)
  const fixture = structuredClone(demoFixture())
  fixture.neostra.scans[0] = { ...fixture.neostra.scans[0], name: 'Loaded', config: { from: 'fixture' } }
  fixture.probely.scheduledScans[1] = { ...fixture.probely.scheduledScans[1], incremental: true, recurrence: 'q', timezone: 'America/New_York' }
  fixture.probely.scheduledScans.pop()
  const loaded = await first.app.inject({ method: 'PUT', url: '/__admin/fixtures?tenant=loaded', payload: fixture })
  expectAnswer(t, loaded, 200, { tenant: 'loaded', loaded: { integrations: 5, scans: 3, users: 3, tasks: 0, scanProfiles: 2, targets: 2, scheduledScans: 2 } })
  const exported = await exportOf(first, 'loaded')

  const fresh = await restart(t, first)
  const read = await exportOf(fresh, 'loaded')
  for (const [vendor, lists] of Object.entries(exported) as [string, Record<string, { id: string }[]>][]) {
    for (const [list, records] of Object.entries(lists)) {
      // a part that is no list of records (Probely's and Neostra's settings) is compared whole
      if (!Array.isArray(records)) { t.same(read[vendor][list], records, `${vendor}.${list}`); continue }
      t.same(read[vendor][list].map((r: { id: string }) => r.id), records.map(r => r.id), `${vendor}.${list} ids`)
      records.forEach((r, i) => fieldByField(t, read[vendor][list][i], r as unknown as Record<string, unknown>, `${vendor}.${list}[${i}]`))
    }
  }
  const token = fresh.token({ ...ALICE, tenant: 'loaded' })
  const scan = (await fresh.app.inject({ method: 'GET', url: '/api/v1/scans/scan-web-nightly', headers: { authorization: `Bearer ${token}` } })).json().data
  t.same([scan.name, scan.config], ['Loaded', { from: 'fixture' }], 'the vendor route reads the loaded record')
  t.same(await exportOf(fresh), await exportOf(await buildTestApp(t)), 'the default tenant untouched')
})

t.test('admin reset of one tenant: a fresh app sees that tenant back at the fixture, the others as they were', async t => {
  const first = await buildTestApp(t)
  const blue = first.token({ ...ALICE, tenant: 'blue' })
  await first.neostra({ method: 'PATCH', url: SCAN, payload: { name: 'default changed' } })
  await first.probely({ method: 'DELETE', url: SS })
  await first.app.inject({ method: 'PATCH', url: SCAN, headers: { authorization: `Bearer ${blue}` }, payload: { name: 'blue changed' } })
  expectAnswer(t, await first.app.inject({ method: 'POST', url: '/__admin/reset?tenant=default' }), 200, { reset: ['default'] })

  const fresh = await restart(t, first)
  const pristine = await exportOf(await buildTestApp(t))
  t.same(await exportOf(fresh), pristine, 'default is the fixture again')
  t.equal((await fresh.probely({ method: 'GET', url: SS })).statusCode, 200, 'the deleted scheduled scan is back')
  const blueScan = (await fresh.app.inject({ method: 'GET', url: SCAN, headers: { authorization: `Bearer ${blue}` } })).json().data
  t.equal(blueScan.name, 'blue changed', 'blue untouched on disk')
})

t.test('admin reset of all tenants: a fresh app knows only the default tenant, at the fixture', async t => {
  const first = await buildTestApp(t)
  for (const tenant of ['blue', 'green']) {
    const token = first.token({ ...ALICE, tenant })
    await first.app.inject({ method: 'PATCH', url: SCAN, headers: { authorization: `Bearer ${token}` }, payload: { name: tenant } })
  }
  await first.neostra({ method: 'PATCH', url: SCAN, payload: { name: 'default' } })
  expectAnswer(t, await first.app.inject({ method: 'POST', url: '/__admin/reset?all=true' }), 200, { reset: ['blue', 'default', 'green'] })

  const fresh = await restart(t, first)
  t.same(await exportOf(fresh), await exportOf(await buildTestApp(t)), 'default is the fixture again')
  const blue = fresh.token({ ...ALICE, tenant: 'blue' })
  t.equal((await fresh.app.inject({ method: 'GET', url: SCAN, headers: { authorization: `Bearer ${blue}` } })).json().data.name, 'Ad-hoc scan')
  // the tenants table itself was emptied: a second reset-all names only the tenants provisioned since
  expectAnswer(t, await fresh.app.inject({ method: 'POST', url: '/__admin/reset?all=true' }), 200, { reset: ['blue', 'default'] })
})

t.test('admin faults add/delete: what a rule refused never reached the disk, what ran after its deletion did', async t => {
  const first = await buildTestApp(t)
  const rule = await first.app.inject({ method: 'POST', url: '/__admin/faults', payload: { method: 'PATCH', path: '/api/v1/scans/*', status: 503 } })
  t.equal(rule.statusCode, 201)
  const listed = (await first.app.inject({ method: 'GET', url: '/__admin/faults' })).json().faults
  t.equal(listed.length, 1)
  fieldByField(t, listed[0], rule.json(), 'the listed rule')
  expectAnswer(t, await first.neostra({ method: 'PATCH', url: SCAN, payload: { name: 'refused' } }), 503, { error: 'Service Unavailable', message: 'Service Unavailable', code: 503 })
  expectAnswer(t, await first.app.inject({ method: 'DELETE', url: `/__admin/faults/${rule.json().id}` }), 200, { deleted: 1 })
  t.same((await first.app.inject({ method: 'GET', url: '/__admin/faults' })).json(), { faults: [] })
  t.equal((await first.neostra({ method: 'PATCH', url: '/api/v1/scans/scan-web-nightly', payload: { name: 'after the rule' } })).statusCode, 200)

  await first.app.inject({ method: 'POST', url: '/__admin/faults', payload: { path: '/targets/**', status: 500 } })
  expectAnswer(t, await first.app.inject({ method: 'DELETE', url: '/__admin/faults' }), 200, { deleted: 1 })

  const fresh = await restart(t, first)
  t.equal((await fresh.neostra({ method: 'GET', url: SCAN })).json().data.name, 'Ad-hoc scan', 'the faulted PATCH wrote nothing')
  t.equal((await fresh.neostra({ method: 'GET', url: '/api/v1/scans/scan-web-nightly' })).json().data.name, 'after the rule')
})

t.test('admin journal DELETE clears the journal and nothing stored', async t => {
  const first = await buildTestApp(t)
  await first.neostra({ method: 'PATCH', url: SCAN, payload: { name: 'kept' } })
  expectAnswer(t, await first.app.inject({ method: 'DELETE', url: '/__admin/requests?tenant=default' }), 200, { cleared: 'default' })
  t.same((await first.app.inject({ method: 'GET', url: '/__admin/requests' })).json(), { requests: [] })
  const fresh = await restart(t, first)
  t.equal((await fresh.neostra({ method: 'GET', url: SCAN })).json().data.name, 'kept')
})

t.test('admin tokens: a minted token works on a fresh app, and what it writes is filed under its claims on disk', async t => {
  const first = await buildTestApp(t)
  const minted = await first.app.inject({ method: 'POST', url: '/__admin/tokens', payload: { sub: 'w9', email: 'w9@x.io', name: 'Nine', tenant: 'worker-9', expiresIn: '1h' } })
  t.equal(minted.statusCode, 201)
  const { token } = minted.json()

  const second = await restart(t, first)
  const patched = await second.app.inject({ method: 'PATCH', url: SS, headers: { authorization: `JWT ${token}` }, payload: { recurrence: 'd' } })
  t.equal(patched.statusCode, 200)
  const third = await restart(t, second)
  const read = (await third.app.inject({ method: 'GET', url: SS, headers: { authorization: `JWT ${token}` } })).json()
  t.same(read.changed_by, { id: 'w9', email: 'w9@x.io', name: 'Nine' })
  t.equal(read.recurrence, 'd')
  t.equal((await third.probely({ method: 'GET', url: SS })).json().recurrence, 'w', 'the default tenant did not get the write')
  const otherSecret = await restart(t, third, { JWT_SECRET: 'another-secret-entirely' })
  expectAnswer(t, await otherSecret.app.inject({ method: 'GET', url: SS, headers: { authorization: `JWT ${token}` } }), 401, { detail: 'Incorrect authentication credentials.' })
})
