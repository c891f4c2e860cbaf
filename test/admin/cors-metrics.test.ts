import t from 'tap'
import { buildTestApp } from '../helpers'

t.test('CORS is off by default', async t => {
  const { app, neostra } = await buildTestApp(t)
  const res = await neostra({ url: '/api/v1/integrations', headers: { origin: 'http://localhost:3000' } })
  t.equal(res.headers['access-control-allow-origin'], undefined)
  const preflight = await app.inject({ method: 'OPTIONS', url: '/api/v1/integrations', headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'GET' } })
  t.not(preflight.statusCode, 204, 'no preflight answer either')
})

t.test('CORS_ORIGINS: a preflight is answered before auth; answers carry the origin', async t => {
  const { app, neostra } = await buildTestApp(t, { CORS_ORIGINS: 'http://localhost:3000, http://app.test' })
  const preflight = await app.inject({ method: 'OPTIONS', url: '/api/v1/scans/scan-adhoc', headers: { origin: 'http://app.test', 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'authorization, content-type' } })
  t.equal(preflight.statusCode, 204, 'no token needed for the preflight')
  t.equal(preflight.headers['access-control-allow-origin'], 'http://app.test')
  t.match(preflight.headers['access-control-allow-methods'], /PATCH/)
  t.equal(preflight.headers['access-control-allow-headers'], 'authorization, content-type')
  const res = await neostra({ url: '/api/v1/integrations', headers: { origin: 'http://localhost:3000' } })
  t.equal(res.statusCode, 200)
  t.equal(res.headers['access-control-allow-origin'], 'http://localhost:3000')
  const other = await neostra({ url: '/api/v1/integrations', headers: { origin: 'http://evil.test' } })
  t.equal(other.headers['access-control-allow-origin'], undefined, 'an origin not listed gets no CORS headers')
})

t.test('GET /metrics: Prometheus text, requests by vendor, route and status; faults; tenants; journal; behind ADMIN_TOKEN', async t => {
  const adminToken = 'a-very-long-admin-token-1234'
  const { app, neostra, probely } = await buildTestApp(t, { ADMIN_TOKEN: adminToken })
  const admin = { authorization: `Bearer ${adminToken}` }
  await neostra({ url: '/api/v1/scans/scan-adhoc' })
  await probely({ url: '/targets/' })
  await app.inject({ method: 'POST', url: '/__admin/faults', headers: admin, payload: { path: '/api/**', status: 503, times: 1 } })
  await neostra({ url: '/api/v1/integrations' })
  t.equal((await app.inject({ url: '/metrics' })).statusCode, 401, 'the admin guard')
  const res = await app.inject({ url: '/metrics', headers: admin })
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /text\/plain/)
  t.match(res.body, /scanstub_requests_total\{vendor="neostra",route="GET \/api\/v1\/scans\/:scanId",status="200"\} 1/)
  t.match(res.body, /scanstub_requests_total\{vendor="probely",route="GET \/targets\/",status="200"\} 1/)
  t.match(res.body, /scanstub_requests_total\{vendor="neostra",route="GET \/api\/v1\/integrations",status="503"\} 1/)
  t.match(res.body, /scanstub_faults_fired_total 1/)
  t.match(res.body, /scanstub_request_duration_seconds_bucket\{le="0.001",vendor="neostra"\}/)
  t.match(res.body, /scanstub_tenants 1/)
  t.match(res.body, /scanstub_journal_entries 3/)
  // the histogram as Prometheus reads one: cumulative buckets, +Inf equal to _count, one count per answer
  const series = (vendor: string) => [...res.body.matchAll(new RegExp(`^scanstub_request_duration_seconds_bucket\\{le="([^"]+)",vendor="${vendor}"\\} (\\d+)$`, 'gm'))].map(m => [m[1], Number(m[2])] as const)
  const neostraBuckets = series('neostra')
  t.same(neostraBuckets.map(([le]) => le), ['0.001', '0.0025', '0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '+Inf'])
  t.ok(neostraBuckets.every(([, n], i) => i === 0 || n >= neostraBuckets[i - 1][1]), 'cumulative')
  t.equal(neostraBuckets.at(-1)![1], 2, 'two Neostra answers')
  t.match(res.body, /^scanstub_request_duration_seconds_count\{vendor="neostra"\} 2$/m)
  t.match(res.body, /^scanstub_request_duration_seconds_count\{vendor="probely"\} 1$/m)
  t.match(res.body, /^scanstub_request_duration_seconds_sum\{vendor="probely"\} [\d.e-]+$/m)
  const again = await app.inject({ url: '/metrics', headers: admin })
  t.match(again.body, /scanstub_requests_total\{vendor="neostra",route="GET \/api\/v1\/scans\/:scanId",status="200"\} 1\n/, 'a scrape counts what was answered, not what it counted before')
})
