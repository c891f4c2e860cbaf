import t from 'tap'
import { ALICE, buildTestApp, expectAnswer } from '../helpers'

const SCAN = '/api/v1/scans/scan-adhoc'

t.test('reset of all tenants clears every tenant\'s journal and fault rules too; an unknown admin route is a 404 naming it', async t => {
  const { app, neostra, token } = await buildTestApp(t)
  const blue = token({ ...ALICE, tenant: 'blue' })
  await app.inject({ method: 'PATCH', url: SCAN, headers: { authorization: `Bearer ${blue}` }, payload: { name: 'blue' } })
  await neostra({ method: 'GET', url: SCAN })
  for (const tenant of ['blue', 'default', '*']) {
    t.equal((await app.inject({ method: 'POST', url: `/__admin/faults?tenant=${encodeURIComponent(tenant)}`, payload: { path: '/nothing', status: 500 } })).statusCode, 201)
  }
  t.equal((await app.inject({ method: 'GET', url: '/__admin/requests/count?tenant=blue' })).json().count, 1)
  expectAnswer(t, await app.inject({ method: 'POST', url: '/__admin/reset?all=true' }), 200, { reset: ['blue', 'default'] })
  for (const tenant of ['blue', 'default']) {
    expectAnswer(t, await app.inject({ method: 'GET', url: `/__admin/requests/count?tenant=${tenant}` }), 200, { count: 0 }, { message: `${tenant}'s journal cleared` })
    expectAnswer(t, await app.inject({ method: 'GET', url: `/__admin/faults?tenant=${tenant}` }), 200, { faults: [] }, { message: `${tenant}'s rules cleared` })
  }
  expectAnswer(t, await app.inject({ method: 'GET', url: '/__admin/faults?tenant=*' }), 200, { faults: [] }, { message: 'the rules for every tenant cleared' })
  // all=false is one tenant, as if all were not given
  expectAnswer(t, await app.inject({ method: 'POST', url: '/__admin/reset?all=false' }), 200, { reset: ['default'] })

  expectAnswer(t, await app.inject({ method: 'GET', url: '/__admin/nothing-here?x=1' }), 404, { error: 'Not Found', message: 'no admin route GET /__admin/nothing-here?x=1' })
  expectAnswer(t, await app.inject({ method: 'DELETE', url: '/__admin/clock' }), 404, { error: 'Not Found', message: 'no admin route DELETE /__admin/clock' })
})
