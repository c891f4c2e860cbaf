import t from 'tap'
import { buildTestApp, demoFixture } from '../../helpers'

const A = 'AxtkqTE1AbFd' // demo target with three finding templates (a high, a medium, a low)
const B = '3ZpBnUd9WcGh' // demo target with one low
const T0 = '2031-03-01T10:00:00.000Z'
const MICRO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/

type Probely = Awaited<ReturnType<typeof buildTestApp>>['probely']
type App = Awaited<ReturnType<typeof buildTestApp>>['app']

async function frozenAt (app: App, iso = T0, tenant = 'default') {
  const res = await app.inject({ method: 'POST', url: `/__admin/clock?tenant=${tenant}`, payload: { to: iso } })
  if (res.statusCode !== 200) throw new Error(res.body)
}
const advance = (app: App, ms: number) => app.inject({ method: 'POST', url: '/__admin/clock', payload: { advanceMs: ms } })
const scanNow = (probely: Probely, target = A, payload?: unknown) =>
  probely({ method: 'POST', url: `/targets/${target}/scan_now/`, ...(payload === undefined ? {} : { payload: payload as any }) })
const read = async (probely: Probely, id: string, target = A) => (await probely({ method: 'GET', url: `/targets/${target}/scans/${id}/` })).json()

t.test('scan_now: 200 with the whole queued scan, bare POST, JSON, form, overrides; one running scan per target', async t => {
  const { app, probely } = await buildTestApp(t)
  await frozenAt(app)
  const res = await scanNow(probely)
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^application\/json/)
  const scan = res.json()
  const target = demoFixture().probely.targets[0]
  t.match(scan.id, /^[1-9A-HJ-NP-Za-km-z]{12}$/)
  t.same(scan, {
    id: scan.id,
    target: {
      id: A, name: target.name, site: target.site, type: target.type, desc: target.site.desc, labels: target.labels,
      has_assets: target.has_assets, report_fileformat: target.report_fileformat, scanning_agent: target.scanning_agent,
      teams: target.teams, blackout_period: target.blackout_period
    },
    status: 'queued', created: '2031-03-01T10:00:00.000000Z', started: null, completed: null, scan_profile: target.scan_profile ?? 'normal',
    lows: 0, mediums: 0, highs: 0, criticals: 0, unlimited: false, changed: '2031-03-01T10:00:00.000000Z',
    changed_by: { id: 'u-alice', email: 'alice@example.com', name: 'Alice Tester' },
    crawler: {}, scanner: {}, fingerprinter: {}, stack: [],
    target_options: { site: target.site, has_assets: target.has_assets, scanning_agent: target.scanning_agent },
    incremental: false, reduced_scope: false, partial_scan: false, crawl_sequences_only: false, ignore_blackout_period: false,
    has_sequence_navigation: target.site.has_sequence_navigation, user_data: null
  })
  const again = await scanNow(probely, A, { scan_profile: 'lightning' })
  t.equal(again.statusCode, 400)
  t.same(again.json(), { error: 'There is already a scan running on this target.' })

  // B: a form body, then (after it ends) options under overrides
  const form = await probely({ method: 'POST', url: `/targets/${B}/scan_now`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'scan_profile=lightning&incremental=true' })
  t.equal(form.statusCode, 200)
  t.match(form.json(), { status: 'queued', scan_profile: 'lightning', incremental: true })
  await app.inject({ method: 'POST', url: `/__admin/probely/scans/${form.json().id}/finish`, payload: { outcome: 'failed' } })
  const nested = await scanNow(probely, B, { overrides: { scan_profile: 'lightning', ignore_blackout_period: true }, unknown: 1 })
  t.match(nested.json(), { status: 'queued', scan_profile: 'lightning', ignore_blackout_period: true })
})

t.test('scan_now refusals change nothing: unknown target 404, unknown profile 400, bodies of the wrong type', async t => {
  const { app, probely } = await buildTestApp(t)
  t.same((await scanNow(probely, 'NoSuchTarget')).json(), { detail: 'Not found.' })
  t.equal((await scanNow(probely, 'NoSuchTarget')).statusCode, 404)
  const badProfile = await scanNow(probely, A, { scan_profile: 'sp-nope' })
  t.equal(badProfile.statusCode, 400)
  t.same(badProfile.json(), { error: 'Invalid scan profile "sp-nope".' })
  t.same((await scanNow(probely, A, { scan_profile: true })).json(), { scan_profile: ['Not a valid string.'] })
  t.same((await scanNow(probely, A, { incremental: 'maybe' })).json(), { incremental: ['Must be a valid boolean.'] })
  t.same((await scanNow(probely, A, { overrides: { partial_scan: 'x' } })).json(), { overrides: { partial_scan: ['Must be a valid boolean.'] } })
  t.same((await scanNow(probely, A, [1, 2])).json(), { non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] })
  const notJson = await probely({ method: 'POST', url: `/targets/${A}/scan_now/`, headers: { 'content-type': 'application/json' }, payload: '{"scan_profile":' })
  t.equal(notJson.statusCode, 400)
  t.match(notJson.json(), { detail: /^JSON parse error - / })
  t.same((await app.inject({ method: 'GET', url: '/__admin/probely/scans' })).json(), { scans: [] }, 'no scan was made')
  // another tenant's scan is a 404 here
  const other = await app.inject({ method: 'POST', url: `/targets/${A}/scan_now/`, headers: { authorization: `JWT ${app.mintToken({ sub: 'u-bob', email: 'bob@example.com', name: 'Bob', tenant: 'other' })}` } })
  t.equal(other.statusCode, 200)
  t.same((await probely({ method: 'GET', url: `/scans/${other.json().id}` })).json(), { detail: 'Not found.' })
  t.equal((await probely({ method: 'GET', url: `/targets/${A}/scans/` })).json().count, 0)
})

t.test('lifecycle on the clock: queued, started, completed with the findings of the fixture; the target follows', async t => {
  const { app, probely } = await buildTestApp(t)
  await frozenAt(app)
  const { id } = (await scanNow(probely)).json()
  const target = async () => (await probely({ method: 'GET', url: `/targets/${A}/` })).json()
  t.match((await target()).running_scan, { id, status: 'queued' })
  t.equal((await target()).running_scan.target, undefined, 'running_scan without its target')
  await advance(app, 999)
  t.equal((await read(probely, id)).status, 'queued')
  await advance(app, 1)
  t.match(await read(probely, id), { status: 'started', started: '2031-03-01T10:00:01.000000Z', completed: null, crawler: { state: 'running' } })
  await advance(app, 4000)
  const done = await read(probely, id)
  t.match(done, { status: 'completed', started: '2031-03-01T10:00:01.000000Z', completed: '2031-03-01T10:00:05.000000Z', lows: 1, mediums: 1, highs: 1 })
  t.match(done.changed, MICRO)
  const after = await target()
  t.equal(after.running_scan, null)
  t.same(after.last_scan, { id, status: 'completed', started: done.started, completed: done.completed, scan_profile: done.scan_profile, lows: 1, mediums: 1, highs: 1, created: done.created })

  const findings = (await probely({ method: 'GET', url: `/targets/${A}/findings/?scan=${id}` })).json()
  t.equal(findings.count, 3)
  t.same(findings.results.map((f: any) => [f.id, f.severity, f.state, f.scans, f.method]), [[1, 30, 'notfixed', [id], 'get'], [2, 20, 'notfixed', [id], 'post'], [3, 10, 'notfixed', [id], 'get']])
  t.same((await probely({ method: 'GET', url: `/targets/${A}/findings/?severity=30` })).json().results.map((f: any) => f.definition.name), ['SQL Injection'])
  t.same((await probely({ method: 'GET', url: `/targets/${A}/findings/?severity=30&severity=10&state=notfixed` })).json().count, 2)
  t.same((await probely({ method: 'GET', url: `/targets/${A}/findings/?severity=40` })).json(), { severity: ['Select a valid choice. 40 is not one of the available choices.'] })
  t.same((await probely({ method: 'GET', url: `/targets/${A}/findings/?state=open` })).json(), { state: ['Select a valid choice. open is not one of the available choices.'] })
  t.equal((await probely({ method: 'GET', url: '/targets/NoSuchTarget/findings/' })).statusCode, 404)

  // a second scan finds the same three again: same findings, both scans listed
  const second = (await scanNow(probely)).json()
  await advance(app, 5000)
  const again = (await probely({ method: 'GET', url: `/targets/${A}/findings/?scan=${second.id}` })).json()
  t.same(again.results.map((f: any) => f.scans), [[id, second.id], [id, second.id], [id, second.id]])
  t.equal(again.results[0].new, false)
})

t.test('pause, resume, cancel: the fact sheet\'s moves, wrong states refused with 400 {"error"}', async t => {
  const { app, probely } = await buildTestApp(t)
  await frozenAt(app)
  const { id } = (await scanNow(probely)).json()
  const act = (action: string) => probely({ method: 'POST', url: `/targets/${A}/scans/${id}/${action}/`, payload: { target_options: {}, user_data: null } })
  t.same((await act('pause')).json(), { error: 'A scan with status "queued" cannot be paused.' })
  t.same((await act('resume')).json(), { error: 'A scan with status "queued" cannot be resumed.' })
  await advance(app, 2000) // started at +1 s, 3 s of running left
  const pausing = await act('pause')
  t.equal(pausing.statusCode, 200)
  t.equal(pausing.json().status, 'pausing')
  await advance(app, 1000)
  t.equal((await read(probely, id)).status, 'paused')
  await advance(app, 3_600_000) // paused: no progress
  t.equal((await read(probely, id)).status, 'paused')
  t.equal((await act('resume')).json().status, 'resuming')
  await advance(app, 1000)
  t.equal((await read(probely, id)).status, 'started')
  await advance(app, 2999)
  t.equal((await read(probely, id)).status, 'started', 'the running time left before the pause')
  await advance(app, 1)
  t.equal((await read(probely, id)).status, 'completed')
  t.same((await act('cancel')).json(), { error: 'A scan with status "completed" cannot be canceled.' })

  const next = (await scanNow(probely)).json()
  const cancel = await probely({ method: 'POST', url: `/targets/${A}/scans/${next.id}/cancel` })
  t.equal(cancel.json().status, 'canceling')
  await advance(app, 1000)
  t.match(await read(probely, next.id), { status: 'canceled', started: null, completed: '2031-03-01T11:00:08.000000Z' })
  t.equal((await probely({ method: 'POST', url: `/targets/${B}/scans/${next.id}/cancel/` })).statusCode, 404, 'another target\'s scan')
  t.equal((await probely({ method: 'POST', url: `/targets/${A}/scans/NoSuchScan/pause/` })).statusCode, 404)

  // a scan paused for 7 days is canceled
  const third = (await scanNow(probely)).json()
  await advance(app, 1500)
  await probely({ method: 'POST', url: `/targets/${A}/scans/${third.id}/pause/` })
  await advance(app, 1000 + 7 * 86_400_000)
  t.equal((await read(probely, third.id)).status, 'canceled')
})

t.test('lists: target and account, status repeated, search, ordering, time filters, length, bare paths, exclude', async t => {
  const { app, probely } = await buildTestApp(t)
  await frozenAt(app)
  const a1 = (await scanNow(probely, A)).json()
  await advance(app, 10_000)
  const b1 = (await scanNow(probely, B)).json()
  await advance(app, 10_000)
  const a2 = (await scanNow(probely, A)).json()
  const list = async (url: string) => (await probely({ method: 'GET', url })).json()
  const ids = (page: any) => page.results.map((s: any) => s.id)
  t.same(ids(await list('/scans/')), [a2.id, b1.id, a1.id], 'newest first')
  t.same(ids(await list('/targets/all/scans/')), [a2.id, b1.id, a1.id])
  t.same(ids(await list(`/targets/${A}/scans`)), [a2.id, a1.id])
  t.same(ids(await list('/scans/?status=completed')), [b1.id, a1.id])
  t.same(ids(await list('/scans/?status=queued&status=completed&ordering=created')), [a1.id, b1.id, a2.id])
  t.same(ids(await list('/scans/?search=api.example')), [b1.id])
  t.same(ids(await list('/scans/?ordering=-changed&length=50&page=1')), [a2.id, b1.id, a1.id])
  t.same(ids(await list('/scans/?started__gte=2031-03-01T10:00:10Z')), [b1.id])
  t.same(ids(await list('/scans/?created__lt=2031-03-01T10:00:10Z')), [a1.id])
  const page = await list('/scans/?length=1000&status=completed&scan_profile_name=true&exclude=target_options')
  t.same({ ...page, results: undefined }, { count: 2, page_total: 1, page: 1, length: 1000, results: undefined })
  t.equal(page.results[0].target_options, undefined)
  t.equal(page.results[0].target.site.url, 'https://api.example.com')
  t.same((await list('/scans/?started__gte=yesterday')), { started__gte: ['Enter a valid date/time.'] })
  t.same((await list('/scans/?status=done')), { status: ['Select a valid choice. done is not one of the available choices.'] })
  t.same((await list('/scans/?page=9')), { detail: 'Invalid page.' })
  t.same((await list(`/scans/${a1.id}`)).id, a1.id, 'the SDK reads /scans/{id} without the final slash')
  t.same((await list('/scans/NoSuchScan/')), { detail: 'Not found.' })
  t.same((await list('/targets/NoSuchTarget/scans/')), { detail: 'Not found.' })
  t.equal((await probely({ method: 'DELETE', url: `/scans/${a1.id}/` })).statusCode, 405)
})

t.test('bulk: start on targets, cancel by scans, all or none', async t => {
  const { app, probely } = await buildTestApp(t)
  await frozenAt(app)
  const started = await probely({ method: 'POST', url: '/scans/bulk/start/', payload: { targets: [{ id: A }, { id: B }], scan_profile: 'lightning' } })
  t.equal(started.statusCode, 200)
  t.same(started.json().map((s: any) => [s.target.id, s.status, s.scan_profile]), [[A, 'queued', 'lightning'], [B, 'queued', 'lightning']])
  const [sa, sb] = started.json()
  t.same((await probely({ method: 'POST', url: '/scans/bulk/start/', payload: { targets: [{ id: A }] } })).json(), { error: `There is already a scan running on target "${A}".` })
  t.same((await probely({ method: 'POST', url: '/scans/bulk/start/', payload: { targets: [{ id: A }], scan_profile: 'nope' } })).json(), { error: 'Invalid scan profile "nope".' })
  t.same((await probely({ method: 'POST', url: '/scans/bulk/start/', payload: { targets: 'x' } })).json(), { targets: ['Expected a list of items but got type "str".'] })
  await advance(app, 1000)
  await probely({ method: 'POST', url: `/targets/${B}/scans/${sb.id}/pause/` })
  // B is pausing: it cannot be paused again, so neither is paused
  t.same((await probely({ method: 'POST', url: '/scans/bulk/pause/', payload: { scans: [{ id: sa.id }, { id: sb.id }] } })).json(), { error: 'A scan with status "pausing" cannot be paused.' })
  t.equal((await read(probely, sa.id)).status, 'started', 'nothing moved')
  t.equal((await probely({ method: 'POST', url: '/scans/bulk/cancel/', payload: { scans: [{ id: 'NoSuchScan' }] } })).statusCode, 404)
  const canceled = await probely({ method: 'POST', url: '/scans/bulk/cancel/', payload: { scans: [{ id: sa.id }] } })
  t.same(canceled.json().map((s: any) => s.status), ['canceling'])
})

t.test('settings: durations and outcomes per target or scan profile, from the admin API', async t => {
  const { app, probely } = await buildTestApp(t)
  await frozenAt(app)
  t.same((await app.inject({ method: 'GET', url: '/__admin/probely/settings' })).json(), demoFixture().probely.settings)
  const put = await app.inject({
    method: 'PUT',
    url: '/__admin/probely/settings',
    payload: { durations: { queuedMs: 500, runningMs: 60_000 }, outcomes: { targets: { [B]: 'failed' }, scanProfiles: { lightning: 'completed_with_errors' } } }
  })
  t.same(put.json(), {
    durations: { queuedMs: 500, runningMs: 60_000, transitionMs: 1000, pausedMaxMs: 604_800_000 },
    outcomes: { default: 'completed', targets: { [B]: 'failed' }, scanProfiles: { lightning: 'completed_with_errors' } }
  })
  const bad = await app.inject({ method: 'PUT', url: '/__admin/probely/settings', payload: { outcomes: { default: 'exploded' } } })
  t.equal(bad.statusCode, 400)
  t.equal((await app.inject({ method: 'GET', url: '/__admin/probely/settings' })).json().durations.runningMs, 60_000, 'a refused PUT changes nothing')

  const a = (await scanNow(probely, A, { scan_profile: 'lightning' })).json()
  const b = (await scanNow(probely, B, { scan_profile: 'lightning' })).json()
  await advance(app, 60_500)
  t.match(await read(probely, a.id), { status: 'completed_with_errors', highs: 1 })
  t.match(await read(probely, b.id, B), { status: 'failed', lows: 0 })
  t.equal((await probely({ method: 'GET', url: `/targets/${B}/findings/` })).json().count, 0, 'a failed scan finds nothing')

  // finish a scan by hand
  const c = (await scanNow(probely, A)).json()
  const finished = await app.inject({ method: 'POST', url: `/__admin/probely/scans/${c.id}/finish`, payload: { outcome: 'failed' } })
  t.match(finished.json(), { id: c.id, status: 'failed' })
  t.equal((await app.inject({ method: 'POST', url: `/__admin/probely/scans/${c.id}/finish`, payload: { outcome: 'completed' } })).statusCode, 400)
  t.same((await app.inject({ method: 'GET', url: '/__admin/probely/scans?status=failed' })).json().scans.map((s: any) => s.id), [b.id, c.id])
})

t.test("a target's delete takes its scans along, the ones just read included: none is finished, stepped or listed after", async t => {
  const { app, probely } = await buildTestApp(t)
  await frozenAt(app)
  const scan = (await scanNow(probely, B)).json()
  t.equal((await read(probely, scan.id, B)).status, 'queued', 'read once (kept by the scans repo)')
  t.equal((await probely({ method: 'DELETE', url: `/targets/${B}/` })).statusCode, 204)
  const finish = await app.inject({ method: 'POST', url: `/__admin/probely/scans/${scan.id}/finish`, payload: { outcome: 'completed' } })
  t.equal(finish.statusCode, 404)
  t.same(finish.json(), { error: 'Not Found', message: `no Probely scan ${scan.id} in tenant default` })
  // its next step was due on the clock: it finds no scan, writes nothing
  t.equal((await advance(app, 3_600_000)).statusCode, 200)
  t.same((await app.inject({ method: 'GET', url: '/__admin/probely/scans' })).json().scans.filter((s: { id: string }) => s.id === scan.id), [])
})
