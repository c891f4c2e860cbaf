import { generateKeyPairSync } from 'node:crypto'
import { createSigner } from 'fast-jwt'
import t from 'tap'
import { ALICE, SECRET, buildTestApp, expectAnswer } from '../helpers'

const NEOSTRA = { method: 'GET', url: '/api/v1/scans' } as const
const PROBELY = { method: 'GET', url: '/targets/' } as const
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
const neostra401 = (message: string) => ({ error: 'Unauthorized', message, code: 401 })
const INCORRECT = { detail: 'Incorrect authentication credentials.' }
const NOT_PROVIDED = { detail: 'Authentication credentials were not provided.' }

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString()
const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()

t.test('tokens each vendor refuses, with the vendor\'s 401 body', async t => {
  const { app, token } = await buildTestApp(t)
  const now = Math.floor(Date.now() / 1000)
  const hs = (payload: object, key = SECRET) => createSigner({ key, algorithm: 'HS256' })(payload)
  const cases: [string, string | undefined, string][] = [
    ['no header', undefined, 'Missing Authorization header'],
    ['alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${b64(ALICE)}.`, 'Unsupported token algorithm'],
    ['bad signature', hs(ALICE, 'another-secret-entirely'), 'Invalid token signature'],
    ['expired', hs({ ...ALICE, exp: now - 60 }), 'Token has expired'],
    ['not yet valid', hs({ ...ALICE, nbf: now + 3600 }), 'Token is not yet valid'],
    ['malformed', 'not.a.jwt', 'Malformed token'],
    ['two parts', 'abc.def', 'Malformed token'],
    // a header that parses and names an algorithm not configured: the count of parts is what makes it malformed
    ['two parts, the first an RS256 header', `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(ALICE)}`, 'Malformed token'],
    ['four parts, the first an RS256 header', `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(ALICE)}.c2ln.eHg`, 'Malformed token'],
    ['an HS256 header over a payload that is no JSON', `${b64({ alg: 'HS256', typ: 'JWT' })}.${Buffer.from('{not json').toString('base64url')}.c2ln`, 'Malformed token'],
    // the scope Neostra's sign-in gives a temporary token, signed here by hand: good for select-tenant only
    ['a sign-in token (scope neostra:select-tenant)', hs({ ...ALICE, scope: 'neostra:select-tenant' }), 'Token claims are invalid'],
    ['RS256 with no public key configured', createSigner({ key: privatePem, algorithm: 'RS256' })(ALICE), 'Unsupported token algorithm'],
    ['tenant of the wrong type', hs({ ...ALICE, tenant: 42 }), 'Token claims are invalid'],
    ['tenant with a slash', hs({ ...ALICE, tenant: '../x' }), 'Token claims are invalid']
  ]
  for (const [name, tok, message] of cases) {
    const n = await app.inject({ ...NEOSTRA, headers: tok === undefined ? {} : { authorization: `Bearer ${tok}` } })
    expectAnswer(t, n, 401, neostra401(message), { message: `neostra: ${name}` })
    const p = await app.inject({ ...PROBELY, headers: tok === undefined ? {} : { authorization: `JWT ${tok}` } })
    expectAnswer(t, p, 401, tok === undefined ? NOT_PROVIDED : INCORRECT, { message: `probely: ${name}` })
    t.equal(p.headers['www-authenticate'], 'JWT realm="api"')
  }

  const wrongScheme = await app.inject({ ...NEOSTRA, headers: { authorization: `JWT ${token()}` } })
  expectAnswer(t, wrongScheme, 401, neostra401('Authorization header must use the Bearer scheme'))
  const empty = await app.inject({ ...NEOSTRA, headers: { authorization: 'Bearer' } })
  expectAnswer(t, empty, 401, neostra401('Missing bearer token'))
  const basic = await app.inject({ ...PROBELY, headers: { authorization: 'Basic dXNlcjpwYXNz' } })
  expectAnswer(t, basic, 401, NOT_PROVIDED, { message: 'DRF treats another scheme as no credentials' })
  const emptyJwt = await app.inject({ ...PROBELY, headers: { authorization: 'JWT ' } })
  expectAnswer(t, emptyJwt, 401, INCORRECT)
})

t.test('accepted: Bearer for Neostra; JWT and Bearer for Probely; a token without exp; a live exp', async t => {
  const { app, token } = await buildTestApp(t)
  t.equal((await app.inject({ ...NEOSTRA, headers: { authorization: `Bearer ${token()}` } })).statusCode, 200)
  t.equal((await app.inject({ ...PROBELY, headers: { authorization: `JWT ${token()}` } })).statusCode, 200)
  t.equal((await app.inject({ ...PROBELY, headers: { authorization: `Bearer ${token()}` } })).statusCode, 200)
  t.equal((await app.inject({ ...PROBELY, headers: { authorization: `jwt ${token(ALICE, '1h')}` } })).statusCode, 200, 'scheme is case-insensitive')
  t.equal((await app.inject({ ...NEOSTRA, headers: { authorization: `Bearer ${token({})}` } })).statusCode, 200, 'no claims at all: tenant default')
  const scoped = (scope: string) => createSigner({ key: SECRET, algorithm: 'HS256' })({ ...ALICE, scope })
  t.equal((await app.inject({ ...NEOSTRA, headers: { authorization: `Bearer ${scoped('')}` } })).statusCode, 200, 'an empty scope is no sign-in token')
  t.equal((await app.inject({ ...PROBELY, headers: { authorization: `JWT ${scoped('read write')}` } })).statusCode, 200, 'another scope is no sign-in token')
})

t.test('JWT_PUBLIC_KEY accepts RS256 from an identity provider and refuses HS/RS confusion', async t => {
  const { app } = await buildTestApp(t, { JWT_PUBLIC_KEY: publicPem })
  const rs = createSigner({ key: privatePem, algorithm: 'RS256' })(ALICE)
  t.equal((await app.inject({ ...NEOSTRA, headers: { authorization: `Bearer ${rs}` } })).statusCode, 200, 'RS256 signed by the IdP')
  // the classic confusion: an HS256 token whose HMAC key is the public key text
  const confused = createSigner({ key: publicPem, algorithm: 'HS256' })(ALICE)
  const res = await app.inject({ ...NEOSTRA, headers: { authorization: `Bearer ${confused}` } })
  expectAnswer(t, res, 401, neostra401('Invalid token signature'))
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
  const forged = createSigner({ key: other, algorithm: 'RS256' })(ALICE)
  expectAnswer(t, await app.inject({ ...PROBELY, headers: { authorization: `JWT ${forged}` } }), 401, INCORRECT)
})

t.test('another tenant\'s ids are a 404, never a 403, and tenants never see each other\'s writes', async t => {
  const { app, token } = await buildTestApp(t)
  const blue = token({ ...ALICE, tenant: 'blue' })
  const green = token({ ...ALICE, tenant: 'green' })
  const created = await app.inject({ method: 'POST', url: '/api/v1/scans', headers: { authorization: `Bearer ${blue}` }, payload: { id: 'blue-only', name: 'b', integrationId: 'int-postgres' } })
  t.equal(created.statusCode, 201)
  const fromGreen = await app.inject({ method: 'PATCH', url: '/api/v1/scans/blue-only', headers: { authorization: `Bearer ${green}` }, payload: { name: 'g' } })
  expectAnswer(t, fromGreen, 404, { error: 'Not Found', message: 'The requested resource was not found', code: 404 })
  const patched = await app.inject({ method: 'PATCH', url: '/targets/AxtkqTE1AbFd/scheduledscans/Dq7HkZ2vRtYp', headers: { authorization: `JWT ${blue}` }, payload: { recurrence: 'h' } })
  t.equal(patched.json().recurrence, 'h')
  const seenByGreen = await app.inject({ method: 'GET', url: '/targets/AxtkqTE1AbFd/scheduledscans/Dq7HkZ2vRtYp/', headers: { authorization: `JWT ${green}` } })
  t.equal(seenByGreen.json().recurrence, 'w', 'green has its own copy of the fixture')
  t.same(app.tenants.list(), ['blue', 'default', 'green'])
})

t.test('a token accepted once (and remembered) is still refused once its exp passes', async t => {
  const { app, token } = await buildTestApp(t)
  // ten seconds: a one-second token minted late in a second expires within milliseconds (exp is whole seconds)
  const short = token(ALICE, 10)
  t.equal((await app.inject({ ...NEOSTRA, headers: { authorization: `Bearer ${short}` } })).statusCode, 200)
  // time driven, not waited for: exp is checked against Date.now(), both by the remembered copy and by
  // the verifier, so the test moves Date.now past exp (restored when the test ends)
  const realNow = Date.now
  const start = realNow()
  t.teardown(() => { Date.now = realNow })
  Date.now = () => start + 11_100
  const res = await app.inject({ ...NEOSTRA, headers: { authorization: `Bearer ${short}` } })
  Date.now = realNow
  expectAnswer(t, res, 401, neostra401('Token has expired'))
})

t.test('a header remembered after one vendor took it is still held to the other vendor\'s scheme', async t => {
  const { app, token } = await buildTestApp(t)
  const jwtHeader = { authorization: `JWT ${token()}` }
  t.equal((await app.inject({ ...PROBELY, headers: jwtHeader })).statusCode, 200, 'Probely takes JWT (now remembered)')
  const neostra = await app.inject({ ...NEOSTRA, headers: jwtHeader })
  expectAnswer(t, neostra, 401, neostra401('Authorization header must use the Bearer scheme'), { message: 'Neostra does not, remembered or not' })
  t.equal((await app.inject({ ...NEOSTRA, headers: { authorization: `Bearer ${token()}` } })).statusCode, 200)
  t.equal((await app.inject({ ...PROBELY, headers: jwtHeader })).statusCode, 200, 'and Probely still does')
})

t.test('claims that are not text, an alg that is not a name, extra words, odd spacing: each refused or taken as stated', async t => {
  const { app, token } = await buildTestApp(t)
  const hs = (payload: object) => createSigner({ key: SECRET, algorithm: 'HS256' })(payload)
  const asNeostra = (authorization: string) => app.inject({ ...NEOSTRA, headers: { authorization } })
  expectAnswer(t, await asNeostra(`Bearer ${hs({ ...ALICE, sub: 42 })}`), 401, neostra401('Token claims are invalid'), { message: 'a sub that is a number' })
  expectAnswer(t, await asNeostra(`Bearer ${hs({ ...ALICE, email: null })}`), 401, neostra401('Token claims are invalid'), { message: 'an email that is null' })
  expectAnswer(t, await asNeostra(`Bearer ${hs({ ...ALICE, name: ['x'] })}`), 401, neostra401('Token claims are invalid'), { message: 'a name that is a list' })
  // a header whose alg is no string: malformed, as a header with no alg
  const numberAlg = `${b64({ alg: 256, typ: 'JWT' })}.${b64(ALICE)}.c2ln`
  expectAnswer(t, await asNeostra(`Bearer ${numberAlg}`), 401, neostra401('Malformed token'), { message: 'alg 256' })
  // three parts, an HS256 header, a payload that is no JSON: the verifier's own error, worded as malformed
  expectAnswer(t, await asNeostra(`Bearer ${b64({ alg: 'HS256', typ: 'JWT' })}.bm90IGpzb24.c2ln`), 401, neostra401('Malformed token'), { message: 'payload not JSON' })
  expectAnswer(t, await asNeostra(`Bearer ${token()} extra`), 401, neostra401('Malformed token'), { message: 'a third word' })
  t.equal((await asNeostra(`Bearer  ${token()}`)).statusCode, 200, 'two spaces between scheme and token')
  t.equal((await asNeostra(`Bearer ${token()} `)).statusCode, 200, 'a trailing space (HTTP strips it; inject does not)')
})

t.test('a token with no sub, email or name stands for the empty user: PATCHes are stamped with it', async t => {
  const { app, token } = await buildTestApp(t)
  const res = await app.inject({ method: 'PATCH', url: '/targets/AxtkqTE1AbFd/scheduledscans/Dq7HkZ2vRtYp/', headers: { authorization: `JWT ${token({})}` }, payload: { recurrence: 'd' } })
  t.equal(res.statusCode, 200)
  t.same(res.json().changed_by, { id: '', email: '', name: '' })
})

t.test('a vendor request with a valid token is journaled under its tenant, also when it is a 404', async t => {
  const { app, token } = await buildTestApp(t)
  const blue = token({ ...ALICE, tenant: 'blue' })
  t.equal((await app.inject({ method: 'GET', url: '/targets/no-such-target/', headers: { authorization: `JWT ${blue}` } })).statusCode, 404)
  t.equal((await app.inject({ method: 'GET', url: '/nowhere/at/all', headers: { authorization: `JWT ${blue}` } })).statusCode, 404)
  const paths = (await app.inject({ url: '/__admin/requests?tenant=blue' })).json().requests.map((r: { path: string }) => r.path)
  t.same(paths.sort(), ['/nowhere/at/all', '/targets/no-such-target/'], 'both filed under blue, the unrouted one by its verified token')
})

t.test('JWT_PUBLIC_KEY with an EC key accepts ES256 from an identity provider', async t => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const { app } = await buildTestApp(t, { JWT_PUBLIC_KEY: ec.publicKey.export({ type: 'spki', format: 'pem' }).toString() })
  const es = createSigner({ key: ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), algorithm: 'ES256' })(ALICE)
  t.equal((await app.inject({ ...NEOSTRA, headers: { authorization: `Bearer ${es}` } })).statusCode, 200, 'ES256 signed by the IdP')
  t.equal((await app.inject({ ...PROBELY, headers: { authorization: `JWT ${es}` } })).statusCode, 200)
  const es384 = createSigner({ key: generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), algorithm: 'ES384' })(ALICE)
  expectAnswer(t, await app.inject({ ...NEOSTRA, headers: { authorization: `Bearer ${es384}` } }), 401, neostra401('Unsupported token algorithm'))
})

t.test('mintToken: a lifetime in seconds or as a duration; none, zero, negative or not finite refused with the rule', async t => {
  const { app } = await buildTestApp(t)
  const claimsOf = (tok: string) => JSON.parse(Buffer.from(tok.split('.')[1], 'base64url').toString('utf8'))
  const now = Math.floor(Date.now() / 1000)
  const five = claimsOf(app.mintToken(ALICE, 5))
  t.ok(five.exp >= now + 5 && five.exp <= now + 6, 'five seconds')
  const quarter = claimsOf(app.mintToken(ALICE, '15m'))
  t.ok(quarter.exp >= now + 900 && quarter.exp <= now + 901, '15m')
  t.equal(claimsOf(app.mintToken(ALICE)).exp, undefined, 'no lifetime: no exp')
  for (const bad of [0, -5, Number.POSITIVE_INFINITY, Number.NaN, '0', 'soon']) {
    t.throws(() => app.mintToken(ALICE, bad), new RangeError(`a token lifetime must be at least one second, as seconds or a duration such as "15m" (got ${JSON.stringify(bad)})`), `${String(bad)} refused`)
  }
})
