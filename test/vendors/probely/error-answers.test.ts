import t from 'tap'
import { buildTestApp, expectAnswer } from '../../helpers'

/**
 * Probely's error answers with their status as well as their body: a few checks elsewhere compare only
 * the body, so a 404 turned into a 401 (same DRF shape) would pass them.
 */

const TARGET = 'AxtkqTE1AbFd'
const SS = `/targets/${TARGET}/scheduledscans/Dq7HkZ2vRtYp/`
const notFound = { detail: 'Not found.' }

t.test('unknown ids are 404s on every read and write route', async t => {
  const { probely } = await buildTestApp(t)
  expectAnswer(t, await probely({ method: 'GET', url: '/targets/NoSuchTarget/' }), 404, notFound)
  expectAnswer(t, await probely({ method: 'GET', url: '/targets/NoSuchTarget' }), 404, notFound, { message: 'without the slash' })
  expectAnswer(t, await probely({ method: 'GET', url: '/targets/NoSuchTarget/scheduledscans/' }), 404, notFound)
  expectAnswer(t, await probely({ method: 'POST', url: '/targets/NoSuchTarget/scheduledscans/', payload: { date_time: '2031-01-01T00:00:00Z' } }), 404, notFound)
  for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
    expectAnswer(t, await probely({ method, url: `/targets/${TARGET}/scheduledscans/NoSuchScan11/`, payload: method === 'PATCH' ? { recurrence: 'd' } : undefined }), 404, notFound, { message: method })
  }
  expectAnswer(t, await probely({ method: 'GET', url: '/nothing/here/' }), 404, notFound)
})

t.test('invalid pages are 404 "Invalid page." on every list', async t => {
  const { probely } = await buildTestApp(t)
  for (const url of ['/targets/', '/scheduledscans/', `/targets/${TARGET}/scheduledscans/`]) {
    for (const page of ['9', '0', 'abc']) expectAnswer(t, await probely({ method: 'GET', url: `${url}?page=${page}` }), 404, { detail: 'Invalid page.' }, { message: `${url}?page=${page}` })
  }
})

t.test('405, 415 and a list body are answered with their status', async t => {
  const { probely } = await buildTestApp(t)
  expectAnswer(t, await probely({ method: 'PUT', url: '/targets/', payload: {} }), 405, { detail: 'Method "PUT" not allowed.' })
  expectAnswer(t, await probely({ method: 'DELETE', url: '/scheduledscans' }), 405, { detail: 'Method "DELETE" not allowed.' })
  expectAnswer(t, await probely({ method: 'POST', url: SS, payload: {} }), 405, { detail: 'Method "POST" not allowed.' })
  expectAnswer(t, await probely({ method: 'PATCH', url: SS, headers: { 'content-type': 'application/xml; charset=utf-8' }, payload: '<a/>' }), 415, { detail: 'Unsupported media type "application/xml; charset=utf-8" in request.' })
  expectAnswer(t, await probely({ method: 'PATCH', url: SS, headers: { 'content-type': 'application/json' }, payload: '["d"]' }), 400, { non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] })
  expectAnswer(t, await probely({ method: 'PATCH', url: SS, headers: { 'content-type': 'application/json' }, payload: '{"a" 1}' }), 400, { detail: "JSON parse error - Expecting ':' delimiter: line 1 column 6 (char 5)" })
})

t.test('401s: no header, another scheme, a bad token; on reads as on writes', async t => {
  const { app } = await buildTestApp(t)
  for (const url of ['/targets/', `/targets/${TARGET}/`, SS, '/scan-profiles/']) {
    expectAnswer(t, await app.inject({ method: 'GET', url }), 401, { detail: 'Authentication credentials were not provided.' }, { message: `${url} no header` })
    expectAnswer(t, await app.inject({ method: 'GET', url, headers: { authorization: 'Basic abc' } }), 401, { detail: 'Authentication credentials were not provided.' }, { message: `${url} Basic` })
    expectAnswer(t, await app.inject({ method: 'GET', url, headers: { authorization: 'JWT abc.def.ghi' } }), 401, { detail: 'Incorrect authentication credentials.' }, { message: `${url} bad token` })
  }
})
