import fc from 'fast-check'
import t from 'tap'
import { buildTestApp, expectAnswer } from '../helpers'
import { STRESS } from './process'

/**
 * Hostile input against both vendors' routes: whatever is sent, the answer is a 4xx (or a 2xx for
 * what happens to be valid) in the vendor's shape, never a 5xx, and a rejected request changes nothing.
 */
const RUNS = STRESS ? 2000 : 150

const neostraPaths = ['/api/v1/scans/scan-adhoc', '/api/v1/scans', '/api/v1/scans/', '/api/v1/integrations']
const probelyPaths = ['/targets/AxtkqTE1AbFd/scheduledscans/Dq7HkZ2vRtYp/', '/targets/AxtkqTE1AbFd/scheduledscans/', '/targets/', '/scheduledscans/']
const tricks = ["' OR 1=1 --", '1; DROP TABLE neostra_scans', '..', '%2e%2e%2f', '%00', '..%2F..%2Fetc%2Fpasswd', '\u202e', '💥', 'a'.repeat(3000), '%ZZ', '__proto__', 'constructor']

const hostileKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'name', 'schedule', 'config', 'recurrence', 'date_time', 'timezone', 'scan_profile', 'week_index', 'run_on_day_of_week'), fc.string({ unit: 'grapheme', maxLength: 20 }))
const hostileValue = fc.letrec(tie => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ unit: 'grapheme', maxLength: 50 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
    fc.constantFrom(...tricks), fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileKey, tie('value'), { maxKeys: 4 })
  )
})).value
const deep = fc.integer({ min: 50, max: 5000 }).map(n => '['.repeat(n) + ']'.repeat(n))

const rawBody = fc.oneof(
  fc.dictionary(hostileKey, hostileValue, { maxKeys: 8 }).map(o => JSON.stringify(o)),
  fc.json(),
  fc.string({ unit: 'binary', maxLength: 200 }),
  deep,
  fc.constantFrom('', '{', '{"name":', 'null', '[]', '"x"', '{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"x":1}}}', '\u0000', '{"a":1}{"b":2}')
)
const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'multipart/form-data; boundary=x', '', 'application/xml', 'application/json, text/plain')
const method = fc.constantFrom('PATCH', 'POST', 'PUT', 'GET', 'DELETE', 'OPTIONS', 'HEAD')

function isVendorShaped (vendor: 'neostra' | 'probely', status: number, body: string): boolean {
  if (body === '') return true // 204, HEAD
  let json: any
  try { json = JSON.parse(body) } catch { return false }
  if (vendor === 'neostra') {
    if (status < 400 || status === 400) return typeof json.status === 'number' && typeof json.message === 'string' && Array.isArray(json.errors)
    return typeof json.error === 'string' && typeof json.message === 'string' && json.code === status
  }
  return typeof json === 'object' && json !== null && (status < 400 || typeof json.detail === 'string' || Object.values(json).every(v => Array.isArray(v)))
}

for (const vendor of ['neostra', 'probely'] as const) {
  t.test(`${vendor}: random bodies, content types, methods, ids and paths never get a 5xx, and rejected ones change nothing`, async t => {
    const stub = await buildTestApp(t)
    const inject = vendor === 'neostra' ? stub.neostra : stub.probely
    const paths = vendor === 'neostra' ? neostraPaths : probelyPaths
    const path = fc.oneof(
      fc.constantFrom(...paths),
      fc.tuple(fc.constantFrom(...paths), fc.constantFrom(...tricks)).map(([p, x]) => p + encodeURIComponent(x) + (vendor === 'probely' ? '/' : '')),
      fc.constantFrom(...tricks).map(x => (vendor === 'neostra' ? '/api/v1/scans/' : '/targets/AxtkqTE1AbFd/scheduledscans/') + x)
    )
    let before = JSON.stringify(stub.app.tenants.exportFixture('default'))
    await fc.assert(fc.asyncProperty(method, path, contentType, rawBody, async (m, url, type, body) => {
      const headers: Record<string, string> = type ? { 'content-type': type } : {}
      const res = await inject({ method: m as 'PATCH', url, headers, payload: m === 'GET' || m === 'HEAD' ? undefined : body })
      if (res.statusCode >= 500) throw new Error(`${m} ${url} (${type}) ${JSON.stringify(body).slice(0, 200)} -> ${res.statusCode} ${res.body.slice(0, 200)}`)
      if (!isVendorShaped(vendor, res.statusCode, res.body)) throw new Error(`${m} ${url} -> ${res.statusCode} not in ${vendor}'s shape: ${res.body.slice(0, 200)}`)
      const after = JSON.stringify(stub.app.tenants.exportFixture('default'))
      if (res.statusCode >= 400 && after !== before) throw new Error(`${m} ${url} was refused with ${res.statusCode} but changed the stored data`)
      before = after
    }), { numRuns: RUNS, seed: STRESS ? undefined : 20261122 })
    t.pass(`${RUNS} hostile requests answered in ${vendor}'s shape, none 5xx`)
    t.equal(({}).constructor, Object, 'no prototype was polluted')
    t.equal(({} as any).isAdmin, undefined)
  })
}

t.test('oversized bodies, duplicate and missing headers', async t => {
  const { app, neostra, probely, token } = await buildTestApp(t)
  const huge = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) })
  expectAnswer(t, await neostra({ method: 'PATCH', url: '/api/v1/scans/scan-adhoc', headers: { 'content-type': 'application/json' }, payload: huge }), 413, { error: 'Payload Too Large', message: 'Request body is larger than 1048576 bytes', code: 413 })
  expectAnswer(t, await probely({ method: 'PATCH', url: '/targets/AxtkqTE1AbFd/scheduledscans/Dq7HkZ2vRtYp/', headers: { 'content-type': 'application/json' }, payload: huge }), 413, { detail: 'Request body is larger than 1048576 bytes.' })
  const multipartHuge = `--b\r\nContent-Disposition: form-data; name="timezone"\r\n\r\n${'x'.repeat(2 * 1024 * 1024)}\r\n--b--\r\n`
  const mp = await probely({ method: 'PATCH', url: '/targets/AxtkqTE1AbFd/scheduledscans/Dq7HkZ2vRtYp/', headers: { 'content-type': 'multipart/form-data; boundary=b' }, payload: multipartHuge })
  t.ok(mp.statusCode === 413, `a huge multipart field is a 413 (${mp.statusCode})`)
  const twoAuth = await app.inject({ method: 'GET', url: '/api/v1/scans', headers: { authorization: [`Bearer ${token()}`, 'Bearer x'] as unknown as string } })
  t.ok(twoAuth.statusCode === 401 || twoAuth.statusCode === 200, `two Authorization headers: ${twoAuth.statusCode}, not a 5xx`)
  const noType = await neostra({ method: 'PATCH', url: '/api/v1/scans/scan-adhoc', payload: '{"name":"x"}', headers: { 'content-type': '' } })
  t.ok(noType.statusCode < 500)
})
