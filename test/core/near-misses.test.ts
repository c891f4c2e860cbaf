import t from 'tap'
import { nearMiss } from '../../src/core/near-misses'

const routes = [
  { method: 'GET', url: '/api/v1/scans/:scanId' },
  { method: 'PATCH', url: '/api/v1/scans/:scanId' },
  { method: 'GET', url: '/targets/:target_id/scheduledscans/' }
]

t.test('the closest route and the difference in words', async t => {
  t.same(nearMiss(routes, 'POST', '/api/v1/scans/s1'), { closest: 'GET /api/v1/scans/:scanId', why: 'method POST is not served here; the path takes GET, PATCH' })
  t.same(nearMiss(routes, 'PATCH', '/api/v1/scan/s1'), { closest: 'PATCH /api/v1/scans/:scanId', why: 'segment 3 is "scan" where the route has "scans"' })
  t.same(nearMiss(routes, 'GET', '/targets/T1'), { closest: 'GET /targets/:target_id/scheduledscans/', why: 'segment 3 ("scheduledscans") is missing' })
  t.same(nearMiss(routes, 'GET', '/api/v1/scans/s1', 'token expired'), { closest: 'GET /api/v1/scans/:scanId', why: 'token expired' }, 'a refusal: the vendor\'s reason')
  t.equal(nearMiss([], 'GET', '/x'), undefined)
})
