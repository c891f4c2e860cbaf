import t from 'tap'
import { buildTestApp, demoFixture } from '../../helpers'

/** The demo fixture with `n` more scans, created a minute apart in an order unlike their names' */
function withScans (n: number) {
  const f = demoFixture()
  const [first] = f.neostra.scans
  for (let i = 0; i < n; i++) {
    const minute = (i * 7) % n // created out of insertion order
    const at = new Date(Date.UTC(2025, 0, 1, 0, minute)).toISOString()
    f.neostra.scans.push({ ...first, id: `scan-${String(i).padStart(3, '0')}`, name: `name ${String(n - i).padStart(3, '0')}`, createdAt: at, updatedAt: at })
  }
  return f
}

t.test('GET /api/v1/scans: skip, limit (default 20), sortField and sortOrder', async t => {
  const { app, neostra } = await buildTestApp(t)
  t.equal((await app.inject({ method: 'PUT', url: '/__admin/fixtures', payload: withScans(30) })).statusCode, 200)
  const ids = async (query: string) => {
    const res = await neostra({ method: 'GET', url: `/api/v1/scans${query}` })
    t.equal(res.statusCode, 200, query)
    return res.json().data.map((s: { id: string }) => s.id) as string[]
  }
  const all = (await ids('?limit=1000'))
  t.equal(all.length, 33, 'every scan, oldest first (createdAt ascending)')
  const created = (await neostra({ method: 'GET', url: '/api/v1/scans?limit=1000' })).json().data.map((s: { createdAt: string }) => s.createdAt)
  t.same(created, [...created].sort(), 'createdAt ascending by default')
  t.same(await ids(''), all.slice(0, 20), 'default limit 20')
  t.same(await ids('?skip=20'), all.slice(20, 33), 'skip past the first page')
  t.same(await ids('?skip=5&limit=3'), all.slice(5, 8))
  t.same(await ids('?skip=40'), [], 'past the end: an empty page')
  t.same(await ids('?limit=1000&sortOrder=desc'), [...all].reverse(), 'desc reverses, ties too')
  t.same(await ids('?limit=1000&sortOrder=DESC'), await ids('?limit=1000&sortOrder=-1'), 'any case; MongoDB\'s -1')
  t.same(await ids('?limit=1000&sortOrder=1'), all)
  const byName = (await neostra({ method: 'GET', url: '/api/v1/scans?sortField=name&limit=1000' })).json().data.map((s: { name: string }) => s.name)
  t.same(byName, [...byName].sort(), 'sortField=name')
  t.same(await ids('?sortField=id&limit=1000'), [...all].sort(), 'sortField=id')
  t.same(await ids('/?limit=2'), all.slice(0, 2), 'the trailing slash too')
  t.same((await neostra({ method: 'GET', url: '/v1/scans?limit=2&skip=1' })).json().data.map((s: { id: string }) => s.id), all.slice(1, 3), 'the guides\' /v1 path')
})

t.test('GET /api/v1/scans: bad list parameters are one 400 in the scan routes\' envelope, naming each', async t => {
  const { neostra } = await buildTestApp(t)
  const cases: Array<[string, string[]]> = [
    ['skip=-1', ['skip: must be a non-negative integer']],
    ['skip=abc', ['skip: must be a non-negative integer']],
    ['skip=1.5', ['skip: must be a non-negative integer']],
    ['limit=0', ['limit: must be an integer from 1 to 1000']],
    ['limit=1001', ['limit: must be an integer from 1 to 1000']],
    ['limit=', ['limit: must be an integer from 1 to 1000']],
    ['limit=1&limit=2', ['limit: must be string']], // the query schema's own check: one value
    ['sortField=password', ['sortField: must be one of createdAt, updatedAt, name, id']],
    ['sortOrder=up', ['sortOrder: must be one of asc, desc']],
    ['skip=x&limit=x&sortField=x&sortOrder=x', ['skip: must be a non-negative integer', 'limit: must be an integer from 1 to 1000',
      'sortField: must be one of createdAt, updatedAt, name, id', 'sortOrder: must be one of asc, desc']]
  ]
  for (const [query, errors] of cases) {
    const res = await neostra({ method: 'GET', url: `/api/v1/scans?${query}` })
    t.equal(res.statusCode, 400, query)
    t.equal(res.headers['content-type'], 'application/json; charset=utf-8')
    t.same(res.json(), { status: 400, message: 'Bad Request', data: {}, errors }, query)
  }
})
