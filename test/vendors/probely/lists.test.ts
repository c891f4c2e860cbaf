import t from 'tap'
import { ALICE, buildTestApp, demoFixture } from '../../helpers'
import { expectedScheduledScan } from './expected'

const A = 'AxtkqTE1AbFd'
const B = '3ZpBnUd9WcGh'

t.test('GET /scheduledscans/: Probely\'s page keys in order, whole scheduled scans', async t => {
  const { probely } = await buildTestApp(t)
  const res = await probely({ method: 'GET', url: '/scheduledscans/' })
  t.equal(res.statusCode, 200)
  t.equal(res.headers.allow, 'GET, HEAD, OPTIONS')
  const json = res.json()
  t.same(Object.keys(json), ['count', 'page_total', 'page', 'length', 'results'])
  t.same(json, {
    count: 3, page_total: 1, page: 1, length: 10,
    results: ['Dq7HkZ2vRtYp', 'Fs3JmNq8WxBc', 'Gt5KpRr2YzCd'].map(id => expectedScheduledScan(id))
  })
  t.equal(json.results[2].target.site.name, 'Example API', 'clients read target.site.name')
})

t.test('a list walked page by page to the end, then a page past it is "Invalid page."', async t => {
  const { probely } = await buildTestApp(t)
  for (let i = 0; i < 4; i++) {
    const created = await probely({ method: 'POST', url: `/targets/${B}/scheduledscans/`, payload: { date_time: `2031-01-0${i + 1}T00:00:00Z` } })
    t.equal(created.statusCode, 201)
  }
  const seen: string[] = []
  let page = 1
  let pageTotal = Infinity
  while (page <= pageTotal) {
    const res = await probely({ method: 'GET', url: `/scheduledscans/?page=${page}&length=2` })
    t.equal(res.statusCode, 200, `page ${page}`)
    const json = res.json()
    t.match(json, { count: 7, page_total: 4, page, length: 2 })
    seen.push(...json.results.map((r: { id: string }) => r.id))
    pageTotal = json.page_total
    page++
  }
  t.equal(seen.length, 7)
  t.equal(new Set(seen).size, 7, 'stable order: no record twice, none skipped')
  for (const bad of ['5', '0', '-1', 'abc']) {
    const res = await probely({ method: 'GET', url: `/scheduledscans/?page=${bad}&length=2` })
    t.equal(res.statusCode, 404, `page=${bad}`)
    t.same(res.json(), { detail: 'Invalid page.' })
  }
  const last = await probely({ method: 'GET', url: '/scheduledscans/?page=last&length=2' })
  t.equal(last.json().page, 4)
  const all = await probely({ method: 'GET', url: '/scheduledscans/?length=10000' })
  t.match(all.json(), { count: 7, page_total: 1, length: 10000 })
  const badLength = await probely({ method: 'GET', url: '/scheduledscans/?length=lots' })
  t.equal(badLength.json().length, 10, 'a bad length falls back to the default')
})

t.test('GET /targets/ with include=compliance: whole targets, next_scan following create, PATCH and delete', async t => {
  const { probely } = await buildTestApp(t)
  const list = await probely({ method: 'GET', url: '/targets/?include=compliance&page=1&length=10000' })
  t.equal(list.statusCode, 200)
  const [a, b] = list.json().results
  const fixtureA = demoFixture().probely.targets[0]
  t.same(a, { ...fixtureA, next_scan: { id: 'Dq7HkZ2vRtYp', date_time: '2030-01-06T02:00:00Z', recurrence: 'w', timezone: 'UTC' } })
  for (const key of ['id', 'name', 'lows', 'mediums', 'highs', 'risk', 'last_scan', 'running_scan', 'assets', 'scan_profile', 'enabled', 'environment', 'allowed_scan_profiles', 'labels', 'scanning_agent', 'blackout_period', 'changed', 'changed_by', 'next_scan']) {
    t.ok(key in b, `targets carry ${key}`)
  }
  t.match(b.site, { name: 'Example API', url: 'https://api.example.com' })

  // the list works next_scan out for the whole page at once, the GET for one target: always the same answer
  const nextOf = async (id: string) => {
    const one = (await probely({ method: 'GET', url: `/targets/${id}/` })).json().next_scan
    const listed = (await probely({ method: 'GET', url: '/targets/?length=100' })).json().results.find((r: { id: string }) => r.id === id).next_scan
    t.same(listed, one, `${id}: the list's next_scan is the target's`)
    return one
  }
  const created = await probely({ method: 'POST', url: `/targets/${A}/scheduledscans/`, payload: { date_time: '2029-12-31T23:00:00Z', recurrence: 'd' } })
  t.same(await nextOf(A), { id: created.json().id, date_time: '2029-12-31T23:00:00Z', recurrence: 'd', timezone: 'UTC' }, 'follows a create')
  await probely({ method: 'PATCH', url: `/targets/${A}/scheduledscans/${created.json().id}`, payload: { date_time: '2040-01-01T00:00:00Z' } })
  t.equal((await nextOf(A)).id, 'Dq7HkZ2vRtYp', 'follows a PATCH')
  const del = await probely({ method: 'DELETE', url: `/targets/${B}/scheduledscans/Gt5KpRr2YzCd/` })
  t.equal(del.statusCode, 204)
  t.equal(del.body, '')
  t.equal(await nextOf(B), null, 'follows a delete: null when none is left')
  // two at the same time: the one created first is next, in the list as in the GET
  const first = await probely({ method: 'POST', url: `/targets/${B}/scheduledscans/`, payload: { date_time: '2029-06-01T00:00:00Z', recurrence: 'w' } })
  await probely({ method: 'POST', url: `/targets/${B}/scheduledscans/`, payload: { date_time: '2029-06-01T00:00:00Z', recurrence: 'd' } })
  t.equal((await nextOf(B)).id, first.json().id, 'a tie goes to the first created')
  t.same((await probely({ method: 'GET', url: '/targets/NoSuchTarget/' })).json(), { detail: 'Not found.' })
})

t.test('POST a scheduled scan: 201 with the whole record, DRF\'s required field, target 404', async t => {
  const { probely } = await buildTestApp(t)
  const res = await probely({ method: 'POST', url: `/targets/${A}/scheduledscans/`, payload: { date_time: '2023-10-14T00:02:00Z', recurrence: 'w', timezone: 'UTC' } })
  t.equal(res.statusCode, 201)
  const json = res.json()
  t.match(json.id, /^[1-9A-HJ-NP-Za-km-z]{12}$/, 'a Base58 id')
  t.same(json, {
    ...expectedScheduledScan('Dq7HkZ2vRtYp'),
    id: json.id, date_time: '2023-10-14T00:02:00Z', recurrence: 'w', timezone: 'UTC',
    changed: json.changed, changed_by: { id: ALICE.sub, email: ALICE.email, name: ALICE.name },
    blackout_period: demoFixture().probely.targets[0].blackout_period
  })
  t.same((await probely({ method: 'GET', url: `/targets/${A}/scheduledscans/${json.id}/` })).json(), json)
  const missing = await probely({ method: 'POST', url: `/targets/${A}/scheduledscans/`, payload: { recurrence: 'x' } })
  t.same(missing.json(), { date_time: ['This field is required.'], recurrence: ['"x" is not a valid choice.'] })
  const noTarget = await probely({ method: 'POST', url: '/targets/NoSuchTarget/scheduledscans/', payload: { date_time: '2030-01-01' } })
  t.equal(noTarget.statusCode, 404)
  const list = await probely({ method: 'GET', url: `/targets/${A}/scheduledscans/` })
  t.equal(list.json().count, 3)
  t.equal(list.headers.allow, 'GET, POST, HEAD, OPTIONS')
})

t.test('GET /scan-profiles/, OPTIONS, HEAD and 405s on the list routes', async t => {
  const { probely } = await buildTestApp(t)
  const profiles = await probely({ method: 'GET', url: '/scan-profiles/' })
  t.same(profiles.json(), { count: 2, page_total: 1, page: 1, length: 10, results: demoFixture().probely.scanProfiles })
  const options = await probely({ method: 'OPTIONS', url: '/targets/' })
  t.equal(options.statusCode, 200)
  t.equal(options.headers.allow, 'GET, POST, HEAD, OPTIONS') // targets are created with POST (#24)
  const head = await probely({ method: 'HEAD', url: '/targets/' })
  t.equal(head.statusCode, 200)
  const put = await probely({ method: 'PUT', url: '/targets/', payload: {} })
  t.equal(put.statusCode, 405)
  t.same(put.json(), { detail: 'Method "PUT" not allowed.' })
  const del = await probely({ method: 'DELETE', url: '/scheduledscans' })
  t.same(del.json(), { detail: 'Method "DELETE" not allowed.' })
})
