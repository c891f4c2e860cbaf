import t from 'tap'
import { nearMiss, type MissContext } from '../../src/core/near-misses'

const routes = [
  { method: 'GET', url: '/api/v1/scans/:scanId' },
  { method: 'PATCH', url: '/api/v1/scans/:scanId' },
  { method: 'GET', url: '/targets/:target_id/scheduledscans/' },
  { method: 'DELETE', url: '/other/:id' }
]

t.test('how a path differs from the route it came closest to', async t => {
  t.same(nearMiss(routes, 'GET', '/api/v1/scans'), { closest: 'GET /api/v1/scans/:scanId', why: 'segment 4 (":scanId") is missing' },
    'a parameter is a segment too: leaving it out is a miss')
  t.same(nearMiss(routes, 'GET', '/api/v1/scans/s1/extra'), { closest: 'GET /api/v1/scans/:scanId', why: 'segment 5 "extra" is one too many' })
  t.same(nearMiss(routes, 'DELETE', '/api/v1/scan/s1'), { closest: 'GET /api/v1/scans/:scanId', why: 'segment 3 is "scan" where the route has "scans", and the route takes GET' },
    'another segment and another method: both said')
  t.same(nearMiss(routes, 'GET', '/api/v1/scans/s1'), { closest: 'GET /api/v1/scans/:scanId', why: 'the route matched' }, 'a fitting request with no refusal')
  t.same(nearMiss(routes, 'POST', '/api/v1/scans/s1')?.why, 'method POST is not served here; the path takes GET, PATCH',
    'only the methods of the routes the path fits, not every route\'s')
})

t.test('a differing segment weighs more than another method', async t => {
  const two = [{ method: 'GET', url: '/x/:id' }, { method: 'POST', url: '/y/:id' }]
  t.same(nearMiss(two, 'POST', '/x/1'), { closest: 'GET /x/:id', why: 'method POST is not served here; the path takes GET' })
})

t.test('a wildcard route is never the closest (its pattern is no path)', async t => {
  const withWildcard = [{ method: 'GET', url: '/api/*' }, { method: 'GET', url: '/api/v1/scans/:scanId' }]
  t.same(nearMiss(withWildcard, 'GET', '/api/x'), { closest: 'GET /api/v1/scans/:scanId', why: 'segment 2 is "x" where the route has "v1"' })
  t.equal(nearMiss([{ method: 'GET', url: '/*' }], 'GET', '/a'), undefined, 'only wildcard routes: nothing to show')
})

t.test('what the owner knows is told only for the status it is about', async t => {
  const holding = (_route: string, param: string, id: string) => param === 'scanId' && id === 's2' ? ['w2'] : undefined
  const base: MissContext = { status: 404, tenant: 'w1', schemes: ['Bearer'], scheme: 'JWT', tenantsHolding: holding }
  t.equal(nearMiss(routes, 'GET', '/api/v1/scans/s1', 'Not found', base)?.why, 'Not found', 'a 404 with a wrong scheme is not about the scheme')
  t.equal(nearMiss(routes, 'GET', '/api/v1/scans/s2', 'No token', { ...base, status: 401, scheme: undefined })?.why, 'No token',
    'a 401 is not about another tenant\'s record')
})

t.test('a scheme is wrong only when it is none of those the route takes', async t => {
  const context = (scheme: string): MissContext => ({ status: 401, tenant: 'w1', schemes: ['Bearer', 'JWT'], scheme })
  t.equal(nearMiss(routes, 'GET', '/api/v1/scans/s1', 'Bad token', context('JWT'))?.why, 'Bad token', 'the second of two it takes')
  t.equal(nearMiss(routes, 'GET', '/api/v1/scans/s1', 'Bad token', context('Basic'))?.why,
    'wrong auth scheme: "Authorization: Basic …"; GET /api/v1/scans/:scanId takes "Bearer <token>" or "JWT <token>"')
})

t.test('the tenants holding an id: up to three named, the rest counted; only parameters asked about', async t => {
  const asked: string[] = []
  const holders: Record<string, string[]> = { s3: ['a', 'b', 'c'], s4: ['a', 'b', 'c', 'd'], s5: ['a', 'b', 'c', 'd', 'e', 'f'] }
  const context: MissContext = {
    status: 404,
    tenant: 'w1',
    tenantsHolding: (_route, param, id) => { asked.push(param); return holders[id] }
  }
  t.equal(nearMiss(routes, 'GET', '/api/v1/scans/s3', 'Not found', context)?.why, 'id "s3" (:scanId) exists in another tenant ("a", "b", "c"), not in "w1"')
  t.equal(nearMiss(routes, 'GET', '/api/v1/scans/s4', 'Not found', context)?.why, 'id "s4" (:scanId) exists in another tenant ("a", "b", "c" and 1 more), not in "w1"')
  t.equal(nearMiss(routes, 'GET', '/api/v1/scans/s5', 'Not found', context)?.why, 'id "s5" (:scanId) exists in another tenant ("a", "b", "c" and 3 more), not in "w1"')
  t.same(asked, ['scanId', 'scanId', 'scanId'], 'the literal segments are never looked up as ids')
})
