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

t.test('with what the path\'s owner knows: a wrong auth scheme, an id that is another tenant\'s', async t => {
  const holding = (_route: string, param: string, id: string) => param === 'scanId' ? (id === 's2' ? ['w2', 'w3'] : id === 's1' ? ['w1'] : []) : undefined
  const context = (status: number, more: object = {}) => ({ status, tenant: 'w1', schemes: ['Bearer'], tenantsHolding: holding, ...more })
  t.same(nearMiss(routes, 'GET', '/api/v1/scans/s1', 'Missing bearer token', context(401, { scheme: 'JWT' })), {
    closest: 'GET /api/v1/scans/:scanId', why: 'wrong auth scheme: "Authorization: JWT …"; GET /api/v1/scans/:scanId takes "Bearer <token>"'
  })
  t.same(nearMiss(routes, 'GET', '/api/v1/scans/s1', 'Token expired', context(401, { scheme: 'bearer' }))?.why, 'Token expired', 'a scheme it takes (any case): the vendor\'s reason')
  t.same(nearMiss(routes, 'GET', '/api/v1/scans/s1', 'No token', context(401))?.why, 'No token', 'no scheme sent: the vendor\'s reason')
  t.same(nearMiss(routes, 'GET', '/api/v1/scans/s2', 'Not found', context(404)), {
    closest: 'GET /api/v1/scans/:scanId', why: 'id "s2" (:scanId) exists in another tenant ("w2", "w3"), not in "w1"'
  })
  t.same(nearMiss(routes, 'GET', '/api/v1/scans/s9', 'Not found', context(404))?.why, 'Not found', 'in no tenant: the vendor\'s reason')
  t.same(nearMiss(routes, 'GET', '/api/v1/scans/s1', 'Not found', context(404))?.why, 'Not found', 'in its own tenant (created since): the vendor\'s reason')
  t.same(nearMiss(routes, 'GET', '/targets/T1/scheduledscans/', 'Not found', context(404))?.why, 'Not found', 'a parameter that names no record kind')
})
