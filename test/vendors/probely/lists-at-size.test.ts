import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { buildTestApp, demoFixture, tempDir } from '../../helpers'
import { JOURNAL_BODY_LIMIT } from '../../../src/core/journal'
import { RECORDS_PER_TURN } from '../../../src/vendors/probely/pagination'

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
/** A Base58 id of 12 characters: `prefix` then `i` in Base58 */
export function idOf (prefix: string, i: number): string {
  let s = ''
  for (let x = i; s.length < 12 - prefix.length; x = Math.floor(x / 58)) s = BASE58[x % 58] + s
  return prefix + s
}

/** The demo fixture grown to `n` targets, each with one scheduled scan (written as SEED_FILE). */
function bigSeed (dir: string, n: number): string {
  const f = demoFixture()
  const [target] = f.probely.targets
  const [schedule] = f.probely.scheduledScans
  const targets = []
  const scheduledScans = []
  for (let i = 0; i < n; i++) {
    const id = idOf('T', i)
    targets.push({ ...target, id, name: `target ${i}`, site: { ...target.site, id: idOf('S', i), name: `site ${i}` } })
    scheduledScans.push({ ...schedule, id: idOf('s', i), target: id, date_time: `2031-01-01T${String(i % 24).padStart(2, '0')}:00:00Z` })
  }
  const file = join(dir, 'big.json')
  writeFileSync(file, JSON.stringify({ ...f, probely: { ...f.probely, targets, scheduledScans, scans: [], findingTemplates: [] } }))
  return file
}

const N = RECORDS_PER_TURN * 3 + 7 // several turns of the event loop, and a part-filled last one

t.test('GET /targets/?length=10000 at size: each listed target is what GET /targets/:id/ answers, byte for byte', async t => {
  const { app, probely } = await buildTestApp(t, { SEED_FILE: bigSeed(tempDir(t), N) })
  await app.clocks.advance('default', 0) // frozen: the scan below keeps its state between the list and each GET
  // one target scanned (last_scan, running_scan follow the scan), one with its only schedule removed (next_scan null)
  const scanned = idOf('T', 3)
  t.equal((await probely({ method: 'POST', url: `/targets/${scanned}/scan_now/`, payload: {} })).statusCode, 200)
  const unscheduled = idOf('T', 5)
  t.equal((await probely({ method: 'DELETE', url: `/targets/${unscheduled}/scheduledscans/${idOf('s', 5)}/` })).statusCode, 204)

  const res = await probely({ method: 'GET', url: '/targets/?length=10000' })
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^application\/json/)
  const page = res.json()
  t.same(Object.keys(page), ['count', 'page_total', 'page', 'length', 'results'])
  t.match(page, { count: N, page_total: 1, page: 1, length: 10000 })
  t.equal(page.results.length, N)
  for (const i of [0, 3, 5, RECORDS_PER_TURN - 1, RECORDS_PER_TURN, N - 1]) {
    const one = await probely({ method: 'GET', url: `/targets/${page.results[i].id}/` })
    t.equal(JSON.stringify(page.results[i]), one.body, `target ${i} as its own GET`)
  }
  t.not(page.results[3].last_scan, null, 'the scanned target shows its scan')
  t.equal(page.results[5].next_scan, null, 'no schedule left: next_scan null')
  t.match(page.results[0].next_scan, { id: idOf('s', 0), date_time: '2031-01-01T00:00:00Z' })

  const second = await probely({ method: 'GET', url: `/targets/?length=${RECORDS_PER_TURN}&page=2` })
  t.same(second.json().results.map((r: { id: string }) => r.id), page.results.slice(RECORDS_PER_TURN, 2 * RECORDS_PER_TURN).map((r: { id: string }) => r.id), 'pages cut the same list')
  t.same((await probely({ method: 'GET', url: '/targets/?length=10000&page=2' })).json(), { detail: 'Invalid page.' })

  // the journal keeps the start of the long answer (sent as bytes) and says how long it was, in characters
  const journaled = (await app.inject({ method: 'GET', url: '/__admin/requests?path=/targets/&limit=3' })).json().requests
    .find((e: { query: { length?: string, page?: string } }) => e.query.length === '10000' && e.query.page === undefined)
  t.equal(journaled.response.body, `${res.body.slice(0, JOURNAL_BODY_LIMIT)}… (${res.body.length} characters)`, 'the list cut in the journal, with its whole length')
  // not all ASCII: decoded whole, so the count is still in characters, not bytes
  t.equal((await probely({ method: 'PATCH', url: `/targets/${idOf('T', 0)}/`, payload: { site: { name: 'cible é ✓' } } })).statusCode, 200)
  const wide = await probely({ method: 'GET', url: '/targets/?length=10000' })
  t.ok(Buffer.byteLength(wide.body) > wide.body.length)
  const wideEntry = (await app.inject({ method: 'GET', url: '/__admin/requests?path=/targets/&method=GET&limit=1' })).json().requests[0]
  t.equal(wideEntry.response.body, `${wide.body.slice(0, JOURNAL_BODY_LIMIT)}… (${wide.body.length} characters)`)
})

t.test('GET /scheduledscans/?length=10000 at size: each listed scan is what its own GET answers; other requests answered meanwhile', async t => {
  const { probely } = await buildTestApp(t, { SEED_FILE: bigSeed(tempDir(t), N) })
  const patched = idOf('s', N - 2)
  const target = idOf('T', N - 2)
  t.equal((await probely({ method: 'PATCH', url: `/targets/${target}/scheduledscans/${patched}/`, payload: { recurrence: 'd' } })).statusCode, 200)
  // the list yields to the event loop between chunks: a request sent with it is answered before it
  const order: string[] = []
  const [list] = await Promise.all([
    probely({ method: 'GET', url: '/scheduledscans/?length=10000' }).then(r => { order.push('list'); return r }),
    new Promise<void>(resolve => setImmediate(() => probely({ method: 'GET', url: '/scan-profiles/' }).then(() => { order.push('other'); resolve() })))
  ])
  t.same(order, ['other', 'list'], 'a small request is not held up by the long list')
  const page = list.json()
  t.match(page, { count: N, page_total: 1, page: 1, length: 10000 })
  for (const i of [0, RECORDS_PER_TURN, N - 2, N - 1]) {
    const s = page.results[i]
    const one = await probely({ method: 'GET', url: `/targets/${s.target.id}/scheduledscans/${s.id}/` })
    t.equal(JSON.stringify(s), one.body, `scheduled scan ${i} as its own GET`)
  }
  t.equal(page.results[N - 2].recurrence, 'd', 'the PATCH shows in the list')
  const ofTarget = await probely({ method: 'GET', url: `/targets/${target}/scheduledscans/?length=10000` })
  t.same(ofTarget.json(), { count: 1, page_total: 1, page: 1, length: 10000, results: [page.results[N - 2]] })
})
