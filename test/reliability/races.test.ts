import t from 'tap'
import { buildTestApp } from '../helpers'

// Resets and fixture loads racing with vendor requests over real HTTP: each request gets the old state
// or the new, in its vendor's shape, never a 5xx (issue 19: a reset between a PATCH's write and its
// answer was a 500 in Fastify's own body). Every loop is bounded in count.

const TARGET = 'AxtkqTE1AbFd'
const SS = `/targets/${TARGET}/scheduledscans/Dq7HkZ2vRtYp/`
const ROUNDS = 40

/** Probely (DRF): the resource, a list, `{detail}` or field errors; Neostra: its envelope or `{error, message, code}`. */
const shapeProblem = (vendor: 'probely' | 'neostra', status: number, body: any): string | undefined => {
  if (status >= 500) return 'a 5xx'
  if (body === null || typeof body !== 'object') return 'not a JSON object'
  if (vendor === 'probely') {
    if (status < 300) return Array.isArray(body) || typeof body.id === 'string' || Array.isArray(body.results) ? undefined : 'no id'
    // Probely's own refusals are {"error": ...} (scan_now on a busy target)
    return typeof body.detail === 'string' || typeof body.error === 'string' || Object.values(body).every(v => Array.isArray(v) || typeof v === 'object') ? undefined : 'not DRF'
  }
  if (status < 300 || status === 400) return body.status === status && 'data' in body && Array.isArray(body.errors) ? undefined : 'not the envelope'
  return body.code === status && typeof body.message === 'string' && typeof body.error === 'string' ? undefined : 'not {error, message, code}'
}

t.test('resets and fixture PUTs during Probely and Neostra requests: no 5xx, vendor shapes', async t => {
  const { app, token } = await buildTestApp(t)
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  const fixture = await (await fetch(`${url}/__admin/fixtures`)).json()
  const bad: string[] = []
  const statuses = new Map<string, Set<number>>()
  const call = async (vendor: 'probely' | 'neostra', method: string, path: string, body?: unknown) => {
    const res = await fetch(url + (vendor === 'neostra' ? `/api/v1${path}` : path), {
      method,
      headers: { authorization: `${vendor === 'neostra' ? 'Bearer' : 'JWT'} ${token()}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined
    })
    const text = await res.text()
    let json: unknown
    try { json = JSON.parse(text) } catch { json = text }
    const what = `${vendor} ${method} ${path}`
    const problem = shapeProblem(vendor, res.status, json)
    if (problem) bad.push(`${what}: ${problem}: ${res.status} ${text.slice(0, 300)}`)
    statuses.set(what, (statuses.get(what) ?? new Set()).add(res.status))
  }
  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(url + path, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined })
    if (res.status !== 200) bad.push(`admin ${method} ${path}: ${res.status} ${await res.text()}`)
    else await res.arrayBuffer()
  }
  for (let round = 0; round < ROUNDS; round++) {
    const calls = [
      () => call('probely', 'PATCH', SS, { recurrence: round % 2 ? 'd' : 'w' }),
      () => call('probely', 'POST', `/targets/${TARGET}/scheduledscans/`, { date_time: '2031-01-01T00:00:00Z' }),
      () => call('probely', 'POST', `/targets/${TARGET}/scan_now/`),
      () => call('probely', 'POST', '/scans/bulk/cancel/', { targets: [{ id: TARGET }] }),
      () => call('probely', 'GET', SS),
      () => call('probely', 'GET', `/targets/${TARGET}/scans/`),
      () => call('neostra', 'PATCH', '/scans/scan-adhoc', { name: `n${round}` }),
      () => call('neostra', 'POST', '/scans', { name: 'x', integrationIds: ['int-postgres'] }),
      () => call('neostra', 'GET', '/scans/scan-adhoc')
    ]
    // a reset of every tenant, or a fixture load (the demo's data, or none at all), sent at another place each round
    const change = () => round % 2 ? admin('POST', '/__admin/reset?all=true') : admin('PUT', '/__admin/fixtures', round % 4 ? fixture : {})
    calls.splice(Math.floor(round / 2) % (calls.length + 1), 0, change)
    await Promise.all(calls.map(send => send()))
  }
  t.same(bad, [], 'every answer in its vendor\'s shape, none a 5xx')
  t.ok([...statuses.get(`probely PATCH ${SS}`)!].includes(200), 'some PATCHes landed')
  t.ok([...statuses.get(`probely PATCH ${SS}`)!].includes(404), 'some found the new state (an empty fixture)')
})
