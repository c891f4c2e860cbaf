import t from 'tap'
import { buildTestApp, claimsOf, expectAnswer } from '../helpers'

/** The admin API's own error answers, each whole: `{error, message, details?}`, never Fastify's default shape. */
t.test('admin errors: bad JSON, another media type, too large, several validation problems, each whole', async t => {
  const { app } = await buildTestApp(t)
  const json = { 'content-type': 'application/json' }
  const badJson = await app.inject({ method: 'POST', url: '/__admin/faults', headers: json, payload: '{"path":' })
  t.same([badJson.statusCode, Object.keys(badJson.json())], [400, ['error', 'message']], 'the admin shape, no statusCode or code')
  t.match(badJson.json(), { error: 'Bad Request', message: /JSON/ })
  expectAnswer(t, await app.inject({ method: 'POST', url: '/__admin/faults', headers: { 'content-type': 'application/xml' }, payload: '<x/>' }), 415,
    { error: 'Unsupported Media Type', message: 'admin bodies are application/json' })
  // the vendors' 1 MiB limit on every admin route but the fixture load, which names its own setting
  expectAnswer(t, await app.inject({ method: 'POST', url: '/__admin/faults', headers: json, payload: JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }) }), 413,
    { error: 'Payload Too Large', message: 'the body is larger than 1048576 bytes' })
  const two = await app.inject({ method: 'GET', url: '/__admin/requests?status=999&limit=x' })
  t.equal(two.statusCode, 400)
  const { details, message } = two.json()
  t.ok(details.length >= 1)
  t.equal(message, details.join('; '), 'the message is the details, joined')
  t.same(Object.keys(two.json()), ['error', 'message', 'details'])
})

t.test('POST /__admin/tokens without expiresIn: 201, a token without exp', async t => {
  const { app } = await buildTestApp(t)
  const res = await app.inject({ method: 'POST', url: '/__admin/tokens', payload: { sub: 'u1', tenant: 'w1' } })
  t.equal(res.statusCode, 201)
  const claims = claimsOf(res.json().token)
  t.match(claims, { sub: 'u1', tenant: 'w1' })
  t.equal(claims.exp, undefined)
})

t.test('GET /__admin/requests/wait without timeoutMs waits (5 s by default) for the request to come', async t => {
  const { app, neostra } = await buildTestApp(t)
  const waiting = app.inject({ method: 'GET', url: '/__admin/requests/wait?path=/api/v1/scans' })
  await new Promise(resolve => setTimeout(resolve, 50)) // the waiter registered (a NaN timeout would have fired by now)
  await neostra({ method: 'GET', url: '/api/v1/scans' })
  const res = await waiting
  t.equal(res.statusCode, 200)
  t.same(res.json().requests.map((e: { path: string }) => e.path), ['/api/v1/scans'])
})
