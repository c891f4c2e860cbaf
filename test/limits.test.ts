import t from 'tap'
import { buildTestApp, claimsOf, demoFixture, expectAnswer, signHs256 } from './helpers'

/**
 * Every bound the contract or README states, exactly at the limit (accepted) and one past it (refused,
 * in the vendor's shape, nothing stored). An off-by-one (`<` for `<=`) fails one side or the other.
 */

const SCAN = '/api/v1/scans/scan-adhoc'
const SS = '/targets/AxtkqTE1AbFd/scheduledscans/Dq7HkZ2vRtYp/'
const MIB = 1024 * 1024
const badRequest = (...errors: string[]) => ({ status: 400, message: 'Bad Request', data: {}, errors })
const IDLE = { status: 'IDLE', lastRunAt: null, tasks: { total: 0, pending: 0, running: 0, completed: 0, failed: 0, cancelled: 0 } }
const demoScan = () => ({ ...demoFixture().neostra.scans[2], ...IDLE }) // a scan never launched reads IDLE with no tasks

/** `{"<key>":"xxx…"}` of exactly `bytes` bytes of JSON. */
const padded = (key: string, bytes: number) => {
  const overhead = JSON.stringify({ [key]: '' }).length
  return { [key]: 'x'.repeat(bytes - overhead) }
}

t.test('Neostra name: 255 characters accepted, 256 refused', async t => {
  const { neostra } = await buildTestApp(t)
  const at = await neostra({ method: 'PATCH', url: SCAN, payload: { name: 'n'.repeat(255) } })
  t.equal(at.statusCode, 200)
  t.equal(at.json().data.name, 'n'.repeat(255))
  expectAnswer(t, await neostra({ method: 'PATCH', url: SCAN, payload: { name: 'm'.repeat(256) } }), 400, badRequest('name: must NOT have more than 255 characters'))
  expectAnswer(t, await neostra({ method: 'POST', url: '/api/v1/scans', payload: { name: 'm'.repeat(256), integrationId: 'int-postgres' } }), 400, badRequest('name: must NOT have more than 255 characters'))
  t.equal((await neostra({ method: 'GET', url: SCAN })).json().data.name, 'n'.repeat(255), 'the refused one stored nothing')
  // characters, not bytes: 255 two-byte characters are a name of 255
  t.equal((await neostra({ method: 'PATCH', url: SCAN, payload: { name: 'é'.repeat(255) } })).statusCode, 200)
})

t.test('Neostra description: 2000 characters accepted, 2001 refused', async t => {
  const { neostra } = await buildTestApp(t)
  const at = await neostra({ method: 'PATCH', url: SCAN, payload: { description: 'd'.repeat(2000) } })
  t.equal(at.statusCode, 200)
  t.equal(at.json().data.description.length, 2000)
  expectAnswer(t, await neostra({ method: 'PATCH', url: SCAN, payload: { description: 'e'.repeat(2001) } }), 400, badRequest('description: must NOT have more than 2000 characters'))
  t.equal((await neostra({ method: 'GET', url: SCAN })).json().data.description, 'd'.repeat(2000))
})

t.test('Neostra config: exactly 64 KiB (65,536 bytes) of JSON accepted, 65,537 refused; bytes, not characters', async t => {
  const { neostra } = await buildTestApp(t)
  const at = padded('blob', 65_536)
  t.equal(Buffer.byteLength(JSON.stringify(at)), 65_536)
  const accepted = await neostra({ method: 'PATCH', url: SCAN, payload: { config: at } })
  t.equal(accepted.statusCode, 200)
  t.same(accepted.json().data.config, at)
  const past = padded('blob', 65_537)
  const message = 'config: must be at most 65536 bytes when serialised as JSON'
  expectAnswer(t, await neostra({ method: 'PATCH', url: SCAN, payload: { config: past } }), 400, badRequest(message))
  expectAnswer(t, await neostra({ method: 'POST', url: '/api/v1/scans', payload: { name: 'big', integrationId: 'int-postgres', config: past } }), 400, badRequest(message))
  // 32,768 two-byte characters: 65,536 bytes of text, over the limit once the JSON around it counts
  const wide = { b: 'é'.repeat(32_768) }
  t.ok(JSON.stringify(wide).length < 65_536 && Buffer.byteLength(JSON.stringify(wide)) > 65_536)
  expectAnswer(t, await neostra({ method: 'PATCH', url: SCAN, payload: { config: wide } }), 400, badRequest(message))
  t.same((await neostra({ method: 'GET', url: SCAN })).json().data.config, at, 'the refused ones stored nothing')
})

t.test('body size: 1 MiB read, one byte more a 413 in each vendor\'s shape', async t => {
  const { neostra, probely } = await buildTestApp(t)
  const json = { 'content-type': 'application/json' }
  // unknown fields are ignored outside STRICT: the body is read whole and answered 200
  const at = JSON.stringify(padded('pad', MIB))
  t.equal(Buffer.byteLength(at), MIB)
  const past = JSON.stringify(padded('pad', MIB + 1))

  t.equal((await neostra({ method: 'PATCH', url: SCAN, headers: json, payload: at })).statusCode, 200)
  expectAnswer(t, await neostra({ method: 'PATCH', url: SCAN, headers: json, payload: past }), 413, { error: 'Payload Too Large', message: 'Request body is larger than 1048576 bytes', code: 413 })
  expectAnswer(t, await neostra({ method: 'POST', url: '/api/v1/scans', headers: json, payload: past }), 413, { error: 'Payload Too Large', message: 'Request body is larger than 1048576 bytes', code: 413 })
  t.equal((await probely({ method: 'PATCH', url: SS, headers: json, payload: at })).statusCode, 200)
  expectAnswer(t, await probely({ method: 'PATCH', url: SS, headers: json, payload: past }), 413, { detail: 'Request body is larger than 1048576 bytes.' })
  const form = { 'content-type': 'application/x-www-form-urlencoded' }
  t.equal((await probely({ method: 'PATCH', url: SS, headers: form, payload: `recurrence=d&pad=${'x'.repeat(MIB - 17)}` })).statusCode, 200)
  expectAnswer(t, await probely({ method: 'PATCH', url: SS, headers: form, payload: `recurrence=h&pad=${'x'.repeat(MIB - 16)}` }), 413, { detail: 'Request body is larger than 1048576 bytes.' })
  t.equal((await probely({ method: 'GET', url: SS })).json().recurrence, 'd', 'the refused form stored nothing')
})

t.test('Probely timezone: 64 characters pass the length check, 65 do not', async t => {
  const { probely } = await buildTestApp(t)
  // no IANA name is 64 characters long: at the limit the length is accepted and the name is then not a choice
  const at = `Europe/${'x'.repeat(57)}`
  expectAnswer(t, await probely({ method: 'PATCH', url: SS, payload: { timezone: at } }), 400, { timezone: [`"${at}" is not a valid choice.`] })
  expectAnswer(t, await probely({ method: 'PATCH', url: SS, payload: { timezone: `${at}y` } }), 400, { timezone: ['Ensure this field has no more than 64 characters.'] })
  expectAnswer(t, await probely({ method: 'POST', url: '/targets/AxtkqTE1AbFd/scheduledscans/', payload: { date_time: '2031-01-01T00:00:00Z', timezone: `${at}y` } }), 400, { timezone: ['Ensure this field has no more than 64 characters.'] })
  t.equal((await probely({ method: 'GET', url: SS })).json().timezone, 'UTC')
  // the longest real name goes through
  const long = 'America/Argentina/ComodRivadavia'
  t.equal((await probely({ method: 'PATCH', url: SS, payload: { timezone: long } })).json().timezone, long)
})

t.test('the journal: JOURNAL_LIMIT entries kept, the next one drops the oldest', async t => {
  const { app, neostra } = await buildTestApp(t, { JOURNAL_LIMIT: '4' })
  const queries = async () => (await app.inject({ method: 'GET', url: '/__admin/requests' })).json().requests.map((e: { query: { i: string } }) => e.query.i)
  for (let i = 0; i < 4; i++) await neostra({ method: 'GET', url: `/api/v1/scans?i=${i}` })
  t.same(await queries(), ['3', '2', '1', '0'], 'at the limit: all kept')
  await neostra({ method: 'GET', url: '/api/v1/scans?i=4' })
  t.same(await queries(), ['4', '3', '2', '1'], 'one past: the oldest dropped')
  expectAnswer(t, await app.inject({ method: 'GET', url: '/__admin/requests/count' }), 200, { count: 4 })

  const none = await buildTestApp(t, { JOURNAL_LIMIT: '0' })
  await none.neostra({ method: 'GET', url: '/api/v1/scans' })
  expectAnswer(t, await none.app.inject({ method: 'GET', url: '/__admin/requests' }), 200, { requests: [] }, { message: 'JOURNAL_LIMIT=0 keeps nothing' })
})

t.test('the journal cuts a body at 16 KiB of JSON: 16,384 characters kept whole, 16,385 cut and marked', async t => {
  const { app, neostra } = await buildTestApp(t)
  const at = padded('pad', 16_384)
  const past = padded('pad', 16_385)
  await neostra({ method: 'PATCH', url: SCAN, payload: at })
  await neostra({ method: 'PATCH', url: SCAN, payload: past })
  const [cut, whole] = (await app.inject({ method: 'GET', url: '/__admin/requests' })).json().requests
  t.same(whole.body, at, 'at the limit: the body as sent')
  const text = JSON.stringify(past)
  t.equal(cut.body, `${text.slice(0, 16_384)}… (16385 characters)`, 'one past: cut, with the length it had')
})

t.test('token lifetimes: expiresIn is the exp - iat of the token; 1 s is the least; an expired token is refused', async t => {
  const { app, neostra, probely } = await buildTestApp(t)
  const lifetime = async (expiresIn: unknown) => {
    const res = await app.inject({ method: 'POST', url: '/__admin/tokens', payload: { expiresIn } })
    t.equal(res.statusCode, 201, `expiresIn ${JSON.stringify(expiresIn)}`)
    const claims = claimsOf(res.json().token)
    return (claims.exp as number) - (claims.iat as number)
  }
  t.equal(await lifetime(1), 1)
  t.equal(await lifetime('1'), 1)
  t.equal(await lifetime(3600), 3600)
  t.equal(await lifetime('15m'), 900)
  t.equal(await lifetime('12h'), 43_200)
  t.equal(await lifetime('2d'), 172_800)
  const noExp = claimsOf((await app.inject({ method: 'POST', url: '/__admin/tokens', payload: {} })).json().token)
  t.equal(noExp.exp, undefined, 'without expiresIn the token does not expire')
  const zero = await app.inject({ method: 'POST', url: '/__admin/tokens', payload: { expiresIn: 0 } })
  expectAnswer(t, zero, 400, { error: 'Bad Request', message: /body\/expiresIn must be >= 1/ }, { match: true })
  expectAnswer(t, await app.inject({ method: 'POST', url: '/__admin/tokens', payload: { expiresIn: 'soon' } }), 400, { error: 'Bad Request', message: /body\/expiresIn must match pattern/ }, { match: true })

  // exp is checked against real time (the contract): a second past exp is refused, a minute before is accepted
  const now = Math.floor(Date.now() / 1000)
  const past = signHs256({ sub: 'x', iat: now - 60, exp: now - 1 })
  const live = signHs256({ sub: 'x', iat: now, exp: now + 60 })
  expectAnswer(t, await neostra({ method: 'GET', url: SCAN, headers: { authorization: `Bearer ${past}` } }), 401, { error: 'Unauthorized', message: 'Token has expired', code: 401 })
  expectAnswer(t, await probely({ method: 'GET', url: SS, headers: { authorization: `JWT ${past}` } }), 401, { detail: 'Incorrect authentication credentials.' })
  t.equal((await neostra({ method: 'GET', url: SCAN, headers: { authorization: `Bearer ${live}` } })).statusCode, 200)
  const early = signHs256({ sub: 'x', iat: now, nbf: now + 60 })
  expectAnswer(t, await neostra({ method: 'GET', url: SCAN, headers: { authorization: `Bearer ${early}` } }), 401, { error: 'Unauthorized', message: 'Token is not yet valid', code: 401 })
  t.same((await neostra({ method: 'GET', url: SCAN })).json().data, demoScan())
})

t.test('a lifetime of "0" as a string is refused, as the integer form is', async t => {
  const { app } = await buildTestApp(t)
  const res = await app.inject({ method: 'POST', url: '/__admin/tokens', payload: { expiresIn: '0' } })
  expectAnswer(t, res, 400, { error: 'Bad Request' }, { match: true })
})
