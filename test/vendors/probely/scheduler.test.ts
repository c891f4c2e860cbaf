import Database from 'better-sqlite3'
import t from 'tap'
import { buildTestApp } from '../../helpers'

const A = 'AxtkqTE1AbFd' // demo: also has the weekly schedule Dq7HkZ2vRtYp at 2030-01-06T02:00:00Z
const B = '3ZpBnUd9WcGh' // demo: also has the daily schedule Gt5KpRr2YzCd at 2030-01-01 (New York)
// before the demo's own schedules (2030), so only the schedules a test writes fire
const T0 = '2029-03-01T10:00:00.000Z'
const HOUR = 3_600_000
const DAY = 24 * HOUR

type TestApp = Awaited<ReturnType<typeof buildTestApp>>
const clock = (app: TestApp['app'], payload: object) => app.inject({ method: 'POST', url: '/__admin/clock', payload })
const scansOf = async (app: TestApp['app'], target?: string) =>
  (await app.inject({ method: 'GET', url: `/__admin/probely/scans${target ? `?targetId=${target}` : ''}` })).json().scans as any[]
const schedule = (probely: TestApp['probely'], target: string, payload: object) =>
  probely({ method: 'POST', url: `/targets/${target}/scheduledscans/`, payload })
const scheduled = async (probely: TestApp['probely'], target: string, id: string) =>
  (await probely({ method: 'GET', url: `/targets/${target}/scheduledscans/${id}` })).json()
const nextScan = async (probely: TestApp['probely'], target: string) => (await probely({ method: 'GET', url: `/targets/${target}/` })).json().next_scan

t.test('a weekly schedule at 00:02 Europe/Lisbon fires with its options and stays at 00:02 local across DST', async t => {
  const { app, probely } = await buildTestApp(t)
  await clock(app, { to: '2029-03-20T12:00:00Z' })
  // Sunday 25 March 2029, 00:02 Lisbon (WET, UTC+0); Lisbon moves to WEST (UTC+1) that night at 01:00 UTC
  const s = (await schedule(probely, A, {
    date_time: '2029-03-25T00:02:00Z', recurrence: 'w', timezone: 'Europe/Lisbon', scan_profile: 'lightning', incremental: true, reduced_scope: true, partial_scan: true
  })).json()
  t.same(await nextScan(probely, A), { id: s.id, date_time: '2029-03-25T00:02:00Z', recurrence: 'w', timezone: 'Europe/Lisbon' })
  const res = await clock(app, { advanceMs: 15 * DAY })
  t.equal(res.statusCode, 200)
  const scans = await scansOf(app, A)
  t.same(scans.map(x => [x.created, x.scan_profile, x.incremental, x.reduced_scope, x.partial_scan, x.status]), [
    ['2029-03-25T00:02:00.000000Z', 'lightning', true, true, true, 'completed'],
    ['2029-03-31T23:02:00.000000Z', 'lightning', true, true, true, 'completed']
  ], 'each Sunday at 00:02 Lisbon time')
  t.same(scans.map(x => x.changed_by), [s.changed_by, s.changed_by], 'started as the user who wrote the schedule')
  const after = await scheduled(probely, A, s.id)
  t.equal(after.date_time, '2029-04-07T23:02:00Z', 'date_time moved to the next occurrence')
  t.equal(after.changed, s.changed, 'firing is not a change by anyone')
  t.same(await nextScan(probely, A), { id: s.id, date_time: '2029-04-07T23:02:00Z', recurrence: 'w', timezone: 'Europe/Lisbon' })
})

t.test('an occurrence while the target\'s scan still runs is skipped', async t => {
  const { app, probely } = await buildTestApp(t)
  await clock(app, { to: T0 })
  await app.inject({ method: 'PUT', url: '/__admin/probely/settings', payload: { durations: { runningMs: 2 * HOUR } } })
  await schedule(probely, A, { date_time: '2029-03-01T11:00:00Z', recurrence: 'h' })
  await clock(app, { advanceMs: 5 * HOUR })
  // fires at 11:00 (runs until 13:00:01), skips 12:00 and 13:00, fires at 14:00, skips 15:00
  t.same((await scansOf(app, A)).map(x => [x.created, x.status]), [
    ['2029-03-01T11:00:00.000000Z', 'completed'],
    ['2029-03-01T14:00:00.000000Z', 'started']
  ])
})

t.test('a one-off fires once and is then no longer next_scan; one written in the past never fires', async t => {
  const { app, probely } = await buildTestApp(t)
  await clock(app, { to: T0 })
  const past = (await schedule(probely, B, { date_time: '2029-02-01T00:00:00Z' })).json()
  t.equal((await nextScan(probely, B)).id, 'Gt5KpRr2YzCd', 'a one-off already past is not the next scan')
  const once = (await schedule(probely, A, { date_time: '2029-03-01T12:00:00Z' })).json()
  t.equal((await nextScan(probely, A)).id, once.id)
  await clock(app, { advanceMs: 30 * DAY })
  t.same((await scansOf(app, A)).map(x => x.created), ['2029-03-01T12:00:00.000000Z'])
  t.same(await scansOf(app, B), [])
  t.equal((await nextScan(probely, A)).id, 'Dq7HkZ2vRtYp', 'the demo weekly one is next')
  t.equal((await scheduled(probely, A, once.id)).date_time, '2029-03-01T12:00:00Z', 'the one-off is kept as written')
  t.equal((await scheduled(probely, B, past.id)).date_time, '2029-02-01T00:00:00Z')
  // written again into the future, it fires again
  await probely({ method: 'PATCH', url: `/targets/${A}/scheduledscans/${once.id}`, payload: { date_time: '2029-04-01T00:00:00Z' } })
  t.equal((await nextScan(probely, A)).id, once.id)
  await clock(app, { advanceMs: 2 * DAY })
  t.equal((await scansOf(app, A)).length, 2)
})

t.test('occurrences already past are skipped, never replayed: when written, when the clock jumps', async t => {
  const { app, probely } = await buildTestApp(t)
  await clock(app, { to: T0 })
  // daily at 09:00 UTC since January: nothing fires for the past, the next is tomorrow 09:00
  const s = (await schedule(probely, A, { date_time: '2029-01-01T09:00:00Z', recurrence: 'd' })).json()
  t.same(await scansOf(app, A), [], 'writing it starts no burst')
  await clock(app, { advanceMs: DAY })
  t.same((await scansOf(app, A)).map(x => x.created), ['2029-03-02T09:00:00.000000Z'])
  t.equal((await scheduled(probely, A, s.id)).date_time, '2029-03-03T09:00:00Z')
  // a jump of ten days: what lies between is skipped, date_time moves past it
  const jump = await clock(app, { to: '2029-03-12T12:00:00Z' })
  t.equal(jump.statusCode, 200)
  t.equal((await scansOf(app, A)).length, 1)
  t.equal((await scheduled(probely, A, s.id)).date_time, '2029-03-13T09:00:00Z')
  t.equal((await clock(app, { to: '2029-03-01T00:00:00Z' })).statusCode, 400, 'never backwards')
})

t.test('run_on_day_of_week: the last Friday of each month; PATCH re-arms; delete stops it', async t => {
  const { app, probely } = await buildTestApp(t)
  await clock(app, { to: T0 })
  const s = (await schedule(probely, B, { date_time: '2029-03-30T08:00:00Z', recurrence: 'd' })).json()
  const patched = await probely({ method: 'PATCH', url: `/targets/${B}/scheduledscans/${s.id}/`, payload: { recurrence: 'm', run_on_day_of_week: true, scheduled_day_of_week: 5, week_index: 'last' } })
  t.equal(patched.statusCode, 200)
  await clock(app, { advanceMs: 62 * DAY })
  t.same((await scansOf(app, B)).map(x => x.created), ['2029-03-30T08:00:00.000000Z', '2029-04-27T08:00:00.000000Z'])
  t.equal((await scheduled(probely, B, s.id)).date_time, '2029-05-25T08:00:00Z')
  t.equal((await probely({ method: 'DELETE', url: `/targets/${B}/scheduledscans/${s.id}/` })).statusCode, 204)
  await clock(app, { advanceMs: 30 * DAY })
  t.equal((await scansOf(app, B)).length, 2, 'a deleted schedule fires no more')
})

t.test('bounded: a huge advanceMs is refused and changes nothing; a year of a daily schedule in one call', async t => {
  const { app, probely } = await buildTestApp(t)
  await clock(app, { to: T0 })
  await schedule(probely, B, { date_time: '2029-03-01T12:00:00Z', recurrence: 'd' })
  const huge = await clock(app, { advanceMs: 10 ** 15 })
  t.equal(huge.statusCode, 400)
  t.same((await app.inject({ method: 'GET', url: '/__admin/clock' })).json(), { now: T0, mode: 'frozen' })
  t.same(await scansOf(app, B), [])
  const started = performance.now()
  const year = await clock(app, { advanceMs: 300 * DAY }) // stays before the demo schedules of 2030
  t.equal(year.statusCode, 200)
  t.equal((await scansOf(app, B)).length, 300)
  t.ok(performance.now() - started < 30_000, `300 firings and their lifecycles in ${Math.round(performance.now() - started)} ms`)
})

t.test('restart: scans, their state and pending events survive; an occurrence due while stopped is skipped', async t => {
  const first = await buildTestApp(t)
  await clock(first.app, { to: T0 })
  const scan = (await first.probely({ method: 'POST', url: `/targets/${A}/scan_now/` })).json()
  const s = (await schedule(first.probely, B, { date_time: '2029-03-01T11:00:00Z', recurrence: 'd' })).json()
  const later = (await schedule(first.probely, A, { date_time: '2029-03-02T11:00:00Z', recurrence: 'w' })).json()
  await first.app.close()

  // the server is down for two hours of the tenant's clock
  const db = new Database(first.database)
  db.prepare('UPDATE clocks SET frozen_at = frozen_at + ? WHERE tenant = ?').run(2 * HOUR, 'default')
  db.close()

  const second = await buildTestApp(t, {}, first.database)
  t.same((await second.app.inject({ method: 'GET', url: '/__admin/clock' })).json(), { now: '2029-03-01T12:00:00.000Z', mode: 'frozen' })
  await clock(second.app, { advanceMs: 0 }) // runs what is due at once
  t.match((await second.probely({ method: 'GET', url: `/scans/${scan.id}` })).json(), { id: scan.id, status: 'completed', highs: 1 }, 'the step due while stopped applies')
  t.same((await scansOf(second.app, B)), [], '11:00 fell while stopped: skipped')
  t.equal((await scheduled(second.probely, B, s.id)).date_time, '2029-03-02T11:00:00Z')
  await clock(second.app, { advanceMs: DAY })
  t.same((await scansOf(second.app, B)).map(x => x.created), ['2029-03-02T11:00:00.000000Z'])
  t.same((await scansOf(second.app, A)).map(x => x.created), ['2029-03-01T10:00:00.000000Z', '2029-03-02T11:00:00.000000Z'], 'the pending weekly one fired after the restart')
  t.equal((await scheduled(second.probely, A, later.id)).date_time, '2029-03-09T11:00:00Z')
})

t.test('fixture load: past schedules do not burst, scans still going are timed from the clock; reset clears', async t => {
  const { app, probely } = await buildTestApp(t)
  await clock(app, { to: T0 })
  const fixture = (await app.inject({ method: 'GET', url: '/__admin/fixtures' })).json()
  fixture.probely.scheduledScans.push({ id: 'Hh7KpRr2YzCe', target: B, date_time: '2028-01-01T00:00:00Z', recurrence: 'h' })
  fixture.probely.scans = [
    { id: 'Sc4nDone1abc', target: A, status: 'completed', created: '2029-01-01T00:00:00Z', started: '2029-01-01T00:01:00Z', completed: '2029-01-01T01:00:00Z', highs: 2 },
    { id: 'Sc4nGoing1ab', target: B, status: 'started', created: '2029-03-01T09:00:00Z', started: '2029-03-01T09:01:00Z' }
  ]
  fixture.probely.settings = { outcomes: { default: 'completed_with_errors' } }
  const put = await app.inject({ method: 'PUT', url: '/__admin/fixtures', payload: fixture })
  t.equal(put.statusCode, 200, put.body)
  t.equal((await scansOf(app)).length, 2, 'no burst of scans from the hourly schedule of 2028')
  t.match((await probely({ method: 'GET', url: `/targets/${A}/` })).json().last_scan, { id: 'Sc4nDone1abc', status: 'completed', highs: 2 })
  t.match((await probely({ method: 'GET', url: `/targets/${B}/` })).json().running_scan, { id: 'Sc4nGoing1ab', status: 'started' })
  await clock(app, { advanceMs: 4000 })
  t.match((await probely({ method: 'GET', url: `/scans/${'Sc4nGoing1ab'}` })).json(), { status: 'completed_with_errors', lows: 1 })
  const exported = (await app.inject({ method: 'GET', url: '/__admin/fixtures' })).json()
  t.same(exported.probely.scans.map((s: any) => [s.id, s.status]), [['Sc4nDone1abc', 'completed'], ['Sc4nGoing1ab', 'completed_with_errors'], ...exported.probely.scans.slice(2).map((s: any) => [s.id, s.status])])
  t.same(exported.probely.settings.outcomes.default, 'completed_with_errors')

  const bad = await app.inject({ method: 'PUT', url: '/__admin/fixtures', payload: { ...fixture, probely: { ...fixture.probely, scans: [{ id: 'Sc4nX', target: 'NoSuchTarget' }] } } })
  t.equal(bad.statusCode, 400)
  t.match(bad.json().details, [/probely.scans\[0\] \(id "Sc4nX"\): target "NoSuchTarget" names no target of the fixture/])
  t.equal((await scansOf(app)).length >= 2, true, 'a refused fixture changes nothing')

  await app.inject({ method: 'POST', url: '/__admin/reset' })
  t.same(await scansOf(app), [])
  t.same((await app.inject({ method: 'GET', url: '/__admin/probely/settings' })).json().outcomes.default, 'completed')
})

t.test('a PATCH that changes none of the timing fields leaves the schedule armed as it was; one that does re-arms it', async t => {
  const { app, probely } = await buildTestApp(t)
  await clock(app, { to: T0 })
  const s = (await schedule(probely, A, { date_time: '2029-03-01T12:00:00Z', recurrence: 'd' })).json()
  // options only (and the same date_time sent back, as a client PATCHing the whole record does)
  const patched = await probely({ method: 'PATCH', url: `/targets/${A}/scheduledscans/${s.id}/`, payload: { partial_scan: true, date_time: '2029-03-01T12:00:00Z' } })
  t.equal(patched.statusCode, 200)
  await clock(app, { advanceMs: 3 * HOUR })
  t.same((await scansOf(app, A)).map(x => [x.created, x.partial_scan]), [['2029-03-01T12:00:00.000000Z', true]], 'fired at its time, with the option the PATCH set')
  t.equal((await scheduled(probely, A, s.id)).date_time, '2029-03-02T12:00:00Z')
  // a timing field changed: the next occurrence follows it
  await probely({ method: 'PATCH', url: `/targets/${A}/scheduledscans/${s.id}/`, payload: { recurrence: 'h' } })
  await clock(app, { advanceMs: 2 * HOUR })
  t.ok((await scansOf(app, A)).length > 1, 'hourly now: it fired again within the two hours')
  t.not((await scheduled(probely, A, s.id)).date_time, '2029-03-02T12:00:00Z', 'its next occurrence is no longer the daily one')
})

t.test('a new tenant\'s schedules, copied from the seed with their armed state, fire at their time; one PATCHed in it re-arms', async t => {
  const { app, token } = await buildTestApp(t)
  const auth = { authorization: `JWT ${token({ ...ALICE_IN('fresh') })}` }
  const get = (url: string) => app.inject({ url, headers: auth })
  // the tenant's first request copies the seed (rows and the schedules' state) and registers what is ahead
  t.equal((await get(`/targets/${A}/scheduledscans/Dq7HkZ2vRtYp/`)).json().date_time, '2030-01-06T02:00:00Z')
  const tenantClock = (payload: object) => app.inject({ method: 'POST', url: '/__admin/clock?tenant=fresh', payload })
  // the daily New York schedule (2030-01-01) is jumped over: skipped, never replayed
  t.equal((await tenantClock({ to: '2030-01-06T01:00:00Z' })).statusCode, 200)
  const scans = async () => (await app.inject({ url: `/__admin/probely/scans?tenant=fresh&targetId=${A}` })).json().scans as any[]
  t.same(await scans(), [], 'nothing fired on the way')
  t.equal((await tenantClock({ advanceMs: 2 * HOUR })).statusCode, 200)
  t.same((await scans()).map(s => s.created), ['2030-01-06T02:00:00.000000Z'], 'the weekly schedule fired at its time, as it was copied')
  t.equal((await get(`/targets/${A}/scheduledscans/Dq7HkZ2vRtYp/`)).json().date_time, '2030-01-13T02:00:00Z', 'and moved to the next week')
  t.same(await scansOf(app, A), [], 'the default tenant fired nothing: its clock did not move')
  // a PATCH in the new tenant re-arms that schedule from the date it writes
  const patched = await app.inject({ method: 'PATCH', url: `/targets/${A}/scheduledscans/Dq7HkZ2vRtYp/`, headers: auth, payload: { date_time: '2030-01-07T05:00:00Z', recurrence: 'd' } })
  t.equal(patched.statusCode, 200)
  // from 2030-01-06T03:00 to 2030-01-08T03:00: the PATCHed daily 05:00 once, the copied weekly never
  t.equal((await tenantClock({ advanceMs: 2 * DAY })).statusCode, 200)
  t.same((await scans()).map(s => s.created).slice(1), ['2030-01-07T05:00:00.000000Z'], 'the PATCHed date fired, the copied one did not')
})

const ALICE_IN = (tenant: string) => ({ sub: 'u-alice', email: 'alice@example.com', name: 'Alice Tester', tenant })
