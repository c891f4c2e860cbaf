import t from 'tap'
import { buildTestApp, expectAnswer } from '../../helpers'

/** Neostra's error answers, status and body together, on every scan route. */

const notFound = { error: 'Not Found', message: 'The requested resource was not found', code: 404 }
const badRequest = (...errors: string[]) => ({ status: 400, message: 'Bad Request', data: {}, errors })

t.test('unknown scans are 404s on GET, PATCH and DELETE; unknown paths under /api too', async t => {
  const { neostra } = await buildTestApp(t)
  for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
    expectAnswer(t, await neostra({ method, url: '/api/v1/scans/nope', payload: method === 'PATCH' ? { name: 'x' } : undefined }), 404, notFound, { message: method })
  }
  expectAnswer(t, await neostra({ method: 'PATCH', url: '/api/v1/scans/nope', payload: { integrationId: 'int-nope' } }), 404, notFound, { message: 'an unknown scan wins over a bad body' })
  expectAnswer(t, await neostra({ method: 'GET', url: '/api/v2/anything' }), 404, notFound)
})

t.test('POST: a missing field, a duplicate id and an unknown integration are 400s naming the field', async t => {
  const { neostra } = await buildTestApp(t)
  expectAnswer(t, await neostra({ method: 'POST', url: '/api/v1/scans', payload: { integrationId: 'int-postgres' } }), 400, badRequest('name: is required'))
  expectAnswer(t, await neostra({ method: 'POST', url: '/api/v1/scans', payload: { id: 'scan-adhoc', name: 'dup', integrationId: 'int-postgres' } }), 400, badRequest('id: a scan with id "scan-adhoc" already exists'))
  expectAnswer(t, await neostra({ method: 'POST', url: '/api/v1/scans', payload: { name: 'x', integrationId: 'int-nope' } }), 400, badRequest('integrationId: must be the id of an existing integration'))
  t.equal((await neostra({ method: 'GET', url: '/api/v1/scans' })).json().data.length, 3, 'none created')
})

t.test('STRICT=1: unknown fields are a 400 naming each; an unknown scan still a 404', async t => {
  const { neostra } = await buildTestApp(t, { STRICT: '1' })
  expectAnswer(t, await neostra({ method: 'PATCH', url: '/api/v1/scans/scan-adhoc', payload: { name: 'ok', colour: 'red', size: 1 } }), 400, badRequest('colour: is not a known field', 'size: is not a known field'))
  expectAnswer(t, await neostra({ method: 'PATCH', url: '/api/v1/scans/nope', payload: { colour: 'red' } }), 404, notFound)
  expectAnswer(t, await neostra({ method: 'POST', url: '/api/v1/scans', payload: { name: 'x', integrationId: 'int-postgres', colour: 'red' } }), 400, badRequest('colour: is not a known field'))
  t.equal((await neostra({ method: 'GET', url: '/api/v1/scans/scan-adhoc' })).json().data.name, 'Ad-hoc scan')
})

t.test('401 messages for each way a bearer token is wrong', async t => {
  const { app } = await buildTestApp(t)
  const url = '/api/v1/scans/scan-adhoc'
  const cases: [Record<string, string>, string][] = [
    [{}, 'Missing Authorization header'],
    [{ authorization: 'JWT abc.def.ghi' }, 'Authorization header must use the Bearer scheme'],
    [{ authorization: 'Bearer' }, 'Missing bearer token'],
    [{ authorization: 'Bearer abc' }, 'Malformed token']
  ]
  for (const [headers, message] of cases) {
    expectAnswer(t, await app.inject({ method: 'GET', url, headers }), 401, { error: 'Unauthorized', message, code: 401 }, { message })
  }
})
