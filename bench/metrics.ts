import { Metrics } from '../src/core/metrics'

/**
 * `npm run bench:metrics`: the CPU `GET /metrics`'s counting costs per request (Metrics.observe, called
 * once per answer by the journal's onResponse hook), to set beside a PATCH's server CPU (~180 µs, see
 * bench:records). Issue 20's rule: metrics cost nothing the bench can see.
 */
const metrics = new Metrics(path => path.startsWith('/api/') ? 'neostra' : 'probely', { tenants: () => 1, journalEntries: () => 0, journalBytes: () => 0 })
const requests = [
  { url: '/api/v1/scans/scan-adhoc', method: 'PATCH', is404: false, routeOptions: { url: '/api/v1/scans/:id' } },
  { url: '/targets/A/scheduledscans/B/', method: 'PATCH', is404: false, routeOptions: { url: '/targets/:target_id/scheduledscans/:id/' } },
  { url: '/nowhere', method: 'GET', is404: true, routeOptions: {} }
] as unknown as Parameters<Metrics['observe']>[0][]
const reply = { statusCode: 200, elapsedTime: 1.3 } as unknown as Parameters<Metrics['observe']>[1]
const CALLS = 200_000
for (let round = 1; round <= 3; round++) {
  const before = process.cpuUsage()
  for (let i = 0; i < CALLS; i++) metrics.observe(requests[i % requests.length], reply)
  const used = process.cpuUsage(before)
  console.log(`round ${round}: ${((used.user + used.system) / CALLS).toFixed(2)} µs of CPU per request counted (${CALLS} calls)`)
}
