import t from 'tap'
import { buildTestApp, demoFixture } from '../../helpers'

const URL = '/api/v1/scans/scan-adhoc'
/** a scan never launched: scanstub's roll-up of no tasks */
const IDLE = { status: 'IDLE', lastRunAt: null, tasks: { total: 0, pending: 0, running: 0, completed: 0, failed: 0, cancelled: 0 } }
const demoScan = () => ({ ...demoFixture().neostra.scans.find((s: { id: string }) => s.id === 'scan-adhoc'), ...IDLE })
const badRequest = (...errors: string[]) => ({ status: 400, message: 'Bad Request', data: {}, errors })
const errorBody = (code: number, error: string, message: string) => ({ error, message, code })

t.test('PATCH answers 200 with the envelope and the whole updated scan, and GET reads it back', async t => {
  const { neostra } = await buildTestApp(t)
  const body = { name: 'Renamed', description: 'new purpose', integrationId: 'int-mongo', schedule: '*/15 * * * *', config: { depth: 5, tags: ['a'] } }
  const res = await neostra({ method: 'PATCH', url: URL, payload: body })
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^application\/json/)
  const json = res.json()
  t.ok(Date.parse(json.data.updatedAt) > Date.parse(demoScan().updatedAt), 'updatedAt moved')
  t.same(json, {
    status: 200,
    message: 'Success',
    data: { ...demoScan(), ...body, integrationIds: [body.integrationId], updatedAt: json.data.updatedAt },
    errors: []
  })
  const read = await neostra({ method: 'GET', url: URL })
  t.same(read.json(), json, 'GET returns what PATCH stored')
})

t.test('a field not sent is untouched; config is replaced whole, not merged', async t => {
  const { neostra } = await buildTestApp(t)
  const url = '/api/v1/scans/scan-web-nightly'
  const res = await neostra({ method: 'PATCH', url, payload: { config: { only: true } } })
  t.equal(res.statusCode, 200)
  const scan = { ...demoFixture().neostra.scans[0], ...IDLE }
  t.same(res.json().data, { ...scan, config: { only: true }, updatedAt: res.json().data.updatedAt })
})

t.test('an empty body, or values equal to the stored ones, is a no-op that keeps updatedAt', async t => {
  const { neostra } = await buildTestApp(t)
  const empty = await neostra({ method: 'PATCH', url: URL })
  t.equal(empty.statusCode, 200)
  t.same(empty.json(), { status: 200, message: 'Success', data: demoScan(), errors: [] })
  const emptyJson = await neostra({ method: 'PATCH', url: URL, headers: { 'content-type': 'application/json' }, payload: '' })
  t.same(emptyJson.json().data, demoScan())
  const same = await neostra({ method: 'PATCH', url: URL, payload: { name: demoScan().name, config: {} } })
  t.same(same.json().data, demoScan(), 'updatedAt unchanged when nothing changed')
})

t.test('schedule takes 5-field cron, macros and null', async t => {
  const { neostra } = await buildTestApp(t)
  for (const schedule of ['0 0 * * 1-5', '@daily', '@hourly', '*/5 * * * *', null]) {
    const res = await neostra({ method: 'PATCH', url: URL, payload: { schedule } })
    t.equal(res.statusCode, 200, `schedule ${schedule}`)
    t.equal(res.json().data.schedule, schedule)
  }
})

t.test('each field rule of the contract is a 400 naming the field, and nothing is stored', async t => {
  const { neostra } = await buildTestApp(t)
  const cases: [string, unknown, string][] = [
    ['name', '', 'name: must NOT have fewer than 1 characters'],
    ['name', 'x'.repeat(256), 'name: must NOT have more than 255 characters'],
    ['name', 42, 'name: must be string'],
    ['name', null, 'name: must be string'],
    ['description', 'x'.repeat(2001), 'description: must NOT have more than 2000 characters'],
    ['description', ['a'], 'description: must be string'],
    ['integrationId', 'int-nope', 'integrationId: must be the id of an existing integration'],
    ['integrationId', 7, 'integrationId: must be string'],
    ['schedule', 'every day', 'schedule: must be a valid cron expression'],
    ['schedule', '61 * * * *', 'schedule: must be a valid cron expression'],
    ['schedule', '0 0 0 * * * *', 'schedule: must be a valid cron expression'],
    ['schedule', 5, 'schedule: must be string or null'],
    ['config', [], 'config: must be object'],
    ['config', 'x', 'config: must be object'],
    ['config', { blob: 'x'.repeat(64 * 1024) }, 'config: must be at most 65536 bytes when serialised as JSON']
  ]
  for (const [field, value, message] of cases) {
    const res = await neostra({ method: 'PATCH', url: URL, payload: { [field]: value } })
    t.equal(res.statusCode, 400, `${field}=${JSON.stringify(value).slice(0, 20)}`)
    t.same(res.json(), badRequest(message))
  }
  t.same((await neostra({ method: 'GET', url: URL })).json().data, demoScan(), 'scan unchanged after every rejection')
})

t.test('boundaries that are allowed: 255-character name, 2000-character description, config just under 64 KiB', async t => {
  const { neostra } = await buildTestApp(t)
  const config = { blob: 'x'.repeat(64 * 1024 - 12) }
  const res = await neostra({ method: 'PATCH', url: URL, payload: { name: 'n'.repeat(255), description: 'd'.repeat(2000), config } })
  t.equal(res.statusCode, 200)
  t.equal(res.json().data.name.length, 255)
  t.same(res.json().data.config, config)
})

t.test('several problems are reported together, one string each, and nothing is written', async t => {
  const { neostra } = await buildTestApp(t)
  const res = await neostra({ method: 'PATCH', url: URL, payload: { name: '', schedule: 'nope', config: [] } })
  t.equal(res.statusCode, 400)
  t.same(res.json(), badRequest(
    'name: must NOT have fewer than 1 characters',
    'schedule: must be a valid cron expression',
    'config: must be object'
  ))
  t.same((await neostra({ method: 'GET', url: URL })).json().data, demoScan())
})

t.test('a body that is not JSON, or not an object, is a 400 in the envelope', async t => {
  const { neostra } = await buildTestApp(t)
  const bad = await neostra({ method: 'PATCH', url: URL, headers: { 'content-type': 'application/json' }, payload: '{"name": ' })
  t.equal(bad.statusCode, 400)
  t.same(bad.json(), badRequest('body: must be valid JSON'))
  const array = await neostra({ method: 'PATCH', url: URL, headers: { 'content-type': 'application/json' }, payload: '[1]' })
  t.same(array.json(), badRequest('body: must be object'))
})

t.test('unknown fields are ignored, and under STRICT=1 are a 400 naming each', async t => {
  const lax = await buildTestApp(t)
  const ok = await lax.neostra({ method: 'PATCH', url: URL, payload: { nmae: 'typo', name: 'Fine' } })
  t.equal(ok.statusCode, 200)
  t.equal(ok.json().data.name, 'Fine')
  t.notOk('nmae' in ok.json().data)

  const strict = await buildTestApp(t, { STRICT: '1' })
  const res = await strict.neostra({ method: 'PATCH', url: URL, payload: { nmae: 'typo', colour: 'red' } })
  t.equal(res.statusCode, 400)
  t.same(res.json(), badRequest('nmae: is not a known field', 'colour: is not a known field'))
})

t.test('404 for an unknown scan, in Neostra\'s error shape', async t => {
  const { neostra } = await buildTestApp(t)
  const res = await neostra({ method: 'PATCH', url: '/api/v1/scans/no-such-scan', payload: { name: 'x' } })
  t.equal(res.statusCode, 404)
  t.same(res.json(), errorBody(404, 'Not Found', 'The requested resource was not found'))
  const bad = await neostra({ method: 'PATCH', url: '/api/v1/scans/no-such-scan', payload: { integrationId: 'int-nope' } })
  t.equal(bad.statusCode, 404, 'an unknown scan is a 404 even when the integration is unknown too')
})

t.test('404 for unknown paths under the vendor prefix', async t => {
  const { neostra } = await buildTestApp(t)
  for (const url of ['/api/v1/nothing', '/api/v2/scans', '/api', '/api/v1/scans/a/b']) {
    const res = await neostra({ method: 'GET', url })
    t.equal(res.statusCode, 404, url)
    t.same(res.json(), errorBody(404, 'Not Found', 'The requested resource was not found'))
  }
})

t.test('405 with Allow for a method the path does not serve', async t => {
  const { neostra } = await buildTestApp(t)
  const res = await neostra({ method: 'PUT', url: URL, payload: {} })
  t.equal(res.statusCode, 405)
  t.equal(res.headers.allow, 'GET, PATCH, DELETE, HEAD')
  t.same(res.json(), errorBody(405, 'Method Not Allowed', 'Method PUT is not allowed on this resource'))
  const list = await neostra({ method: 'PATCH', url: '/api/v1/scans', payload: {} })
  t.equal(list.statusCode, 405)
  t.equal(list.headers.allow, 'GET, POST, HEAD')
})

t.test('413 for a body over 1 MiB, 415 for anything but JSON', async t => {
  const { neostra } = await buildTestApp(t)
  const big = await neostra({ method: 'PATCH', url: URL, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ description: 'x'.repeat(1024 * 1024) }) })
  t.equal(big.statusCode, 413)
  t.same(big.json(), errorBody(413, 'Payload Too Large', 'Request body is larger than 1048576 bytes'))
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
    const res = await neostra({ method: 'PATCH', url: URL, headers: { 'content-type': type }, payload: 'name=x' })
    t.equal(res.statusCode, 415, type)
    t.same(res.json(), errorBody(415, 'Unsupported Media Type', 'Content-Type must be application/json'))
  }
  t.same((await neostra({ method: 'GET', url: URL })).json().data, demoScan())
})

t.test('500 in Neostra\'s shape when the store fails', async t => {
  const { app, neostra } = await buildTestApp(t)
  app.store.db.close()
  const res = await neostra({ method: 'PATCH', url: URL, payload: { name: 'x' } })
  t.equal(res.statusCode, 500)
  t.same(res.json(), errorBody(500, 'Internal Server Error', 'An unexpected error occurred'))
})

t.test('supporting routes: list, create (201), get, delete, integrations', async t => {
  const { neostra } = await buildTestApp(t)
  const list = await neostra({ method: 'GET', url: '/api/v1/scans' })
  t.same(list.json(), { status: 200, message: 'Success', data: demoFixture().neostra.scans.map((s: object) => ({ ...s, ...IDLE })), errors: [] })

  const created = await neostra({ method: 'POST', url: '/api/v1/scans', payload: { name: 'New', integrationId: 'int-postgres' } })
  t.equal(created.statusCode, 201)
  const scan = created.json().data
  t.same(created.json(), {
    status: 201,
    message: 'Success',
    data: {
      id: scan.id, name: 'New', description: '', integrationId: 'int-postgres', integrationIds: ['int-postgres'], scanType: 'FULL',
      schedule: null, config: {}, createdAt: scan.createdAt, updatedAt: scan.createdAt,
      // launched at once: one task per asset of the integration (three tables in the demo data)
      status: 'PENDING', lastRunAt: scan.createdAt, tasks: { total: 3, pending: 3, running: 0, completed: 0, failed: 0, cancelled: 0 }
    },
    errors: []
  })
  t.same((await neostra({ method: 'GET', url: `/api/v1/scans/${scan.id}` })).json().data, scan)

  const invalid = await neostra({ method: 'POST', url: '/api/v1/scans', payload: { integrationId: 'int-nope', schedule: 'x' } })
  t.equal(invalid.statusCode, 400)
  t.same(invalid.json(), badRequest('name: is required', 'schedule: must be a valid cron expression', 'integrationId: must be the id of an existing integration'),
    'the shape\'s problems and the reference\'s in one 400')
  const dangling = await neostra({ method: 'POST', url: '/api/v1/scans', payload: { name: 'x', integrationId: 'int-nope' } })
  t.same(dangling.json(), badRequest('integrationId: must be the id of an existing integration'))
  const duplicate = await neostra({ method: 'POST', url: '/api/v1/scans', payload: { id: 'scan-adhoc', name: 'x', integrationId: 'int-postgres' } })
  t.same(duplicate.json(), badRequest('id: a scan with id "scan-adhoc" already exists'))

  const deleted = await neostra({ method: 'DELETE', url: `/api/v1/scans/${scan.id}` })
  t.same(deleted.json(), { status: 200, message: 'Success', data: {}, errors: [] })
  t.equal((await neostra({ method: 'GET', url: `/api/v1/scans/${scan.id}` })).statusCode, 404)
  t.equal((await neostra({ method: 'DELETE', url: `/api/v1/scans/${scan.id}` })).statusCode, 404)

  const integrations = await neostra({ method: 'GET', url: '/api/v1/integrations' })
  t.same(integrations.json(), { status: 200, message: 'Success', data: demoFixture().neostra.integrations, errors: [] })
})

t.test('PATCH: every problem of the body in one 400, shape and references alike, and nothing stored', async t => {
  const { neostra } = await buildTestApp(t)
  const before = (await neostra({ method: 'GET', url: '/api/v1/scans/scan-adhoc' })).json()
  const res = await neostra({ method: 'PATCH', url: '/api/v1/scans/scan-adhoc', payload: { schedule: 'every day', integrationId: 'int-nope', name: '' } })
  t.equal(res.statusCode, 400)
  t.same(res.json().errors.sort(), [
    'integrationId: must be the id of an existing integration',
    'name: must NOT have fewer than 1 characters',
    'schedule: must be a valid cron expression'
  ].sort())
  t.same((await neostra({ method: 'GET', url: '/api/v1/scans/scan-adhoc' })).json(), before, 'nothing changed')
  const unknown = await neostra({ method: 'PATCH', url: '/api/v1/scans/no-such-scan', payload: { schedule: 'x', integrationId: 'int-nope' } })
  t.equal(unknown.statusCode, 404, 'an unknown scan is still a 404 first')
})
