import autocannon from 'autocannon'
import { createSigner } from 'fast-jwt'

/** What every bench server is started with: its token's secret, and the token the load sends. */
export const SECRET = 'bench-secret-for-scanstub'
export const token = createSigner({ key: SECRET, algorithm: 'HS256' })({ sub: 'bench', email: 'bench@scanstub.example.com', name: 'Bench' })

export interface Target { name: string, method: 'PATCH' | 'GET', path: string, scheme: string, body?: (n: number) => string }

/**
 * The vendor pages' own example bodies (/work/shared/vendor-docs), every writable field, each value
 * varied per request so that every PATCH writes (and re-arms a schedule): what a client really sends.
 */
const NEOSTRA_INTEGRATIONS = ['int-postgres', 'int-mysql', 'int-mongo']
/** `integrations`: the ids the server's demo has (another checkout's may differ: bench/compare.ts) */
export const neostraBody = (n: number, integrations = NEOSTRA_INTEGRATIONS) => JSON.stringify({
  name: `Full System Scan ${n}`,
  description: `example_string ${n}`,
  integrationId: integrations[n % integrations.length],
  schedule: `${n % 60} ${n % 24} * * ${n % 7}`,
  config: { sampleRows: n }
})
const TIMEZONES = ['UTC', 'Europe/Lisbon', 'America/New_York', 'Asia/Tokyo']
const WEEKS = ['first', 'second', 'third', 'fourth', 'last']
const PROFILES = ['normal', 'lightning', null]
export const probelyBody = (n: number) => {
  // every other request a monthly "run on the nth weekday" schedule (the cross-field rule), else h/d/w
  const onDay = n % 2 === 1
  return JSON.stringify({
    date_time: new Date(Date.UTC(2030, 0, 1) + n * 60_000).toISOString(),
    recurrence: onDay ? (n % 4 === 1 ? 'm' : 'q') : ['h', 'd', 'w'][n % 3],
    timezone: TIMEZONES[n % TIMEZONES.length],
    run_on_day_of_week: onDay,
    scheduled_day_of_week: onDay ? (n % 7) + 1 : null,
    week_index: onDay ? WEEKS[n % WEEKS.length] : null,
    partial_scan: (n & 1) === 1,
    override_target_settings: (n & 2) === 2,
    incremental: (n & 4) === 4,
    reduced_scope: (n & 8) === 8,
    scan_profile: PROFILES[n % PROFILES.length]
  })
}
export const NEOSTRA_SCAN = '/api/v1/scans/scan-adhoc'
export const PROBELY_SCHEDULE = '/targets/AxtkqTE1AbFd/scheduledscans/Dq7HkZ2vRtYp/'
export const ROUTES: Target[] = [
  { name: 'Neostra PATCH', method: 'PATCH', path: NEOSTRA_SCAN, scheme: 'Bearer', body: neostraBody },
  { name: 'Neostra GET', method: 'GET', path: NEOSTRA_SCAN, scheme: 'Bearer' },
  { name: 'Probely PATCH', method: 'PATCH', path: PROBELY_SCHEDULE, scheme: 'JWT', body: probelyBody },
  { name: 'Probely GET', method: 'GET', path: PROBELY_SCHEDULE, scheme: 'JWT' }
]

/** `route` loaded from one autocannon in this process for `seconds`, `connections` at once. */
export async function load (url: string, route: Target, seconds: number, connections: number) {
  let n = 0
  return autocannon({
    url: url + route.path,
    connections,
    duration: seconds,
    requests: [{
      method: route.method,
      headers: { authorization: `${route.scheme} ${token}`, ...(route.body ? { 'content-type': 'application/json' } : {}) },
      setupRequest: req => route.body ? { ...req, body: route.body(n++) } : req
    }]
  })
}
