import t from 'tap'
import { buildTestApp } from './helpers'

const SCHEDULED = '/targets/AxtkqTE1AbFd/scheduledscans/Dq7HkZ2vRtYp'
const json = { 'content-type': 'application/json' }

t.test('JSON of any depth is the vendor\'s 400, never a 500, and is journaled', async t => {
  const { app, probely, neostra } = await buildTestApp(t)
  for (const depth of [1001, 5400, 20_000]) {
    for (const body of ['['.repeat(depth), '['.repeat(depth) + ']'.repeat(depth), '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)]) {
      const kind = body.startsWith('[') ? 'array' : 'object'
      let res = await probely({ method: 'PATCH', url: SCHEDULED, headers: json, payload: body })
      t.same([res.statusCode, res.json()], [400, { detail: `JSON parse error - maximum recursion depth exceeded while decoding a JSON ${kind} from a unicode string` }], `probely, ${depth} deep`)
      res = await neostra({ method: 'PATCH', url: '/api/v1/scans/scan-adhoc', headers: json, payload: `{"config":${body}}` })
      t.same([res.statusCode, res.json()], [400, { status: 400, message: 'Bad Request', data: {}, errors: ['body: must be valid JSON (nested more than 1000 levels deep)'] }], `neostra, ${depth} deep`)
    }
  }
  // the deepest body the limit allows still parses (and is a vendor answer about its content)
  const res = await neostra({ method: 'PATCH', url: '/api/v1/scans/scan-adhoc', headers: json, payload: '{"config":' + '{"a":'.repeat(999) + '1' + '}'.repeat(999) + '}' })
  t.equal(res.statusCode, 200, '1000 levels in all is accepted')
  const journal = (await app.inject({ method: 'GET', url: '/__admin/requests?limit=1000' })).json().requests
  t.equal(journal.filter((e: { status: number }) => e.status === 400).length, 18, 'every refusal is in the journal')
  t.equal(journal.filter((e: { status: number }) => e.status >= 500).length, 0)
})

t.test('secrets are redacted in headers, query strings and bodies, at any depth', async t => {
  const { app, neostra } = await buildTestApp(t)
  const secretHeaders = ['x-auth-token', 'x-access-token', 'api-key', 'x-api-key', 'cookie', 'x-session-id', 'proxy-authorization']
  const headers = { ...json, ...Object.fromEntries(secretHeaders.map(h => [h, 'SECRET-H'])) }
  let nested: unknown = { private_key: 'SECRET-B', name: 'kept' }
  for (let i = 0; i < 30; i++) nested = i % 2 ? [nested] : { level: i, inner: nested }
  const body = {
    config: {
      password: 'SECRET-B', passwd: 'SECRET-B', pwd: 'SECRET-B', client_secret: 'SECRET-B', ssh_key: 'SECRET-B', access_key: 'SECRET-B',
      auth: 'SECRET-B', session: 'SECRET-B', cookie: 'SECRET-B', credentials: 'SECRET-B', signature: 'SECRET-B', apiToken: 'SECRET-B',
      deep: nested
    }
  }
  const res = await neostra({ method: 'PATCH', url: '/api/v1/scans/scan-adhoc?access_token=SECRET-Q&api_key=SECRET-Q&page=2', headers, payload: body })
  t.equal(res.statusCode, 200)
  const [entry] = (await app.inject({ method: 'GET', url: '/__admin/requests?limit=1' })).json().requests
  const text = JSON.stringify(entry)
  t.notMatch(text, /SECRET/, 'no secret in the journal entry')
  t.equal(entry.headers.authorization, 'Bearer [redacted]', 'the scheme kept, the token not')
  for (const h of secretHeaders) t.equal(entry.headers[h], '[redacted]', h)
  t.same(entry.query, { access_token: '[redacted]', api_key: '[redacted]', page: '2' })
  t.equal(entry.body.config.password, '[redacted]')
  t.match(text, /"name":"kept"/, 'what is not secret is kept, however deep')
})
