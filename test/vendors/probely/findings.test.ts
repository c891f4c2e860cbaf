import t from 'tap'
import { buildTestApp } from '../../helpers'

const A = 'AxtkqTE1AbFd' // demo target: a high, a medium and a low finding template; the fixture says lows 4, mediums 2, highs 1
const B = '3ZpBnUd9WcGh' // demo target: one low

type App = Awaited<ReturnType<typeof buildTestApp>>['app']
type Probely = Awaited<ReturnType<typeof buildTestApp>>['probely']

const freeze = async (app: App, tenant = 'default') => { await app.inject({ method: 'POST', url: `/__admin/clock?tenant=${tenant}`, payload: { to: '2031-03-01T10:00:00Z' } }) }
const advance = (app: App, ms: number, tenant = 'default') => app.inject({ method: 'POST', url: `/__admin/clock?tenant=${tenant}`, payload: { advanceMs: ms } })
async function completedScan (app: App, probely: Probely, target: string) {
  const scan = (await probely({ method: 'POST', url: `/targets/${target}/scan_now/` })).json()
  await advance(app, 10_000)
  return scan.id as string
}

t.test("a target's lows, mediums and highs follow its findings once a scan found any", async t => {
  const { app, probely } = await buildTestApp(t)
  await freeze(app)
  const counts = async (id: string) => {
    const { lows, mediums, highs } = (await probely({ method: 'GET', url: `/targets/${id}/` })).json()
    return { lows, mediums, highs }
  }
  t.same(await counts(A), { lows: 4, mediums: 2, highs: 1 }, 'never scanned: what the fixture says')
  await completedScan(app, probely, A)
  t.same(await counts(A), { lows: 1, mediums: 1, highs: 1 })
  await completedScan(app, probely, A)
  t.same(await counts(A), { lows: 1, mediums: 1, highs: 1 }, 'found again, not counted twice')
  const listed = (await probely({ method: 'GET', url: '/targets/?length=50' })).json().results.find((x: { id: string }) => x.id === A)
  t.same({ lows: listed.lows, mediums: listed.mediums, highs: listed.highs }, { lows: 1, mediums: 1, highs: 1 }, 'the list agrees (not the fixture\'s 4, 2, 1)')
  // a scan that found nothing on a target with no templates leaves its fixture counts
  const created = (await probely({ method: 'POST', url: '/targets/', payload: { site: { url: 'https://none.example.com' } } })).json()
  await completedScan(app, probely, created.id)
  t.same(await counts(created.id), { lows: 0, mediums: 0, highs: 0 })
})

t.test('the fixture export carries the findings the scans made, and loading it puts them back as they were', async t => {
  const { app, probely, token } = await buildTestApp(t)
  await freeze(app)
  const first = await completedScan(app, probely, A)
  const second = await completedScan(app, probely, A)
  await completedScan(app, probely, B)
  const exported = (await app.inject({ method: 'GET', url: '/__admin/fixtures' })).json()
  t.equal(exported.probely.findings.length, 4)
  t.match(exported.probely.findings[0], { id: 1, target: A, template: 0, severity: 30, state: 'notfixed', scans: [first, second] })

  const copy = await app.inject({ method: 'PUT', url: '/__admin/fixtures?tenant=copy', payload: exported })
  t.equal(copy.statusCode, 200, copy.body)
  const other = { authorization: `JWT ${token({ sub: 'u-alice', email: 'alice@example.com', name: 'Alice Tester', tenant: 'copy' })}` }
  const wanted = (await probely({ method: 'GET', url: '/findings/?length=100' })).json()
  t.same((await probely({ method: 'GET', url: '/findings/?length=100', headers: other })).json(), wanted)
  t.same((await app.inject({ method: 'GET', url: '/__admin/fixtures?tenant=copy' })).json().probely.findings, exported.probely.findings)
  t.same((await probely({ method: 'GET', url: `/targets/${A}/`, headers: other })).json().highs, 1, 'the counts come back with them')

  // a later scan of the loaded copy finds them again (no second finding per template)
  await freeze(app, 'copy')
  await probely({ method: 'POST', url: `/targets/${A}/scan_now/`, headers: other })
  await advance(app, 10_000, 'copy')
  t.equal((await probely({ method: 'GET', url: `/targets/${A}/findings/`, headers: other })).json().count, 3)

  // a deleted target's templates and findings leave the export consistent (template indexes renumbered)
  await probely({ method: 'DELETE', url: `/targets/${A}/` })
  const after = (await app.inject({ method: 'GET', url: '/__admin/fixtures' })).json().probely
  t.same(after.findings.map((f: { target: string, template: number }) => [f.target, after.findingTemplates[f.template].target]), [[B, B]])
  t.equal((await app.inject({ method: 'PUT', url: '/__admin/fixtures?tenant=again', payload: { probely: after } })).statusCode, 200)
})

t.test('findings in a fixture are checked whole: a bad one refuses the fixture and nothing of it is loaded', async t => {
  const { app, probely } = await buildTestApp(t)
  await freeze(app)
  const scan = await completedScan(app, probely, A)
  const exported = (await app.inject({ method: 'GET', url: '/__admin/fixtures' })).json()
  const before = JSON.stringify(exported)
  const bad = (findings: unknown[]) => ({ ...exported, probely: { ...exported.probely, findings } })
  const cases: Array<[unknown[], RegExp]> = [
    [[{ id: 1, target: B, template: 0 }], /template 0 is a template of target "AxtkqTE1AbFd"/],
    [[{ id: 1, target: A, template: 99 }], /template 99 names no finding template/],
    [[{ id: 1, target: A, template: 0 }, { id: 2, target: A, template: 0 }], /one finding per target/],
    [[{ id: 1, target: A, template: 0, scans: ['NoSuchScan12'] }], /scan "NoSuchScan12" names no scan of its target/],
    [[{ id: 'one', target: A, template: 0 }], /probely\.findings\[0\]/],
    [[{ id: 1, target: A, template: 0, first_found: 'yesterday' }], /first_found/]
  ]
  for (const [findings, message] of cases) {
    const res = await app.inject({ method: 'PUT', url: '/__admin/fixtures', payload: bad(findings) })
    t.equal(res.statusCode, 400, JSON.stringify(findings))
    t.match(res.json().details.join('\n'), message)
  }
  t.equal(JSON.stringify((await app.inject({ method: 'GET', url: '/__admin/fixtures' })).json()), before, 'nothing changed')
  t.same((await probely({ method: 'GET', url: `/findings/?scan=${scan}` })).json().count, 3)
})

t.test('scan_profile_name=true: the scan\'s profile whole, with its name; without it the id', async t => {
  const { app, probely } = await buildTestApp(t)
  await freeze(app)
  const scan = (await probely({ method: 'POST', url: `/targets/${A}/scan_now/`, payload: { scan_profile: 'lightning' } })).json()
  t.equal(scan.scan_profile, 'lightning')
  const profile = (await probely({ method: 'GET', url: '/scan-profiles/' })).json().results.find((p: { id: string }) => p.id === 'lightning')
  const listed = (await probely({ method: 'GET', url: '/scans/?length=1000&status=queued&scan_profile_name=true&exclude=target_options' })).json()
  t.same(listed.results[0].scan_profile, profile)
  t.equal(listed.results[0].target_options, undefined)
  t.same((await probely({ method: 'GET', url: `/scans/${scan.id}/?scan_profile_name=true` })).json().scan_profile.name, profile.name)
  t.equal((await probely({ method: 'GET', url: `/scans/${scan.id}/?scan_profile_name=false` })).json().scan_profile, 'lightning')
})

t.test('a fixture whose e-mails the SDK would refuse is still the user\'s data: loaded and shown as written', async t => {
  const { app, probely } = await buildTestApp(t)
  const exported = (await app.inject({ method: 'GET', url: '/__admin/fixtures' })).json()
  exported.probely.targets[0].changed_by = { id: 'corpUser0001', email: 'qa@corp.local', name: 'QA' }
  const res = await app.inject({ method: 'PUT', url: '/__admin/fixtures', payload: exported })
  t.equal(res.statusCode, 200)
  t.equal((await probely({ method: 'GET', url: `/targets/${A}/` })).json().changed_by.email, 'qa@corp.local')
})
