import t from 'tap'
import { buildTestApp } from '../helpers'

t.test('a clock set before its tenant ever called stays set when the tenant first calls (the tenant is made first)', async t => {
  const { app, token } = await buildTestApp(t)
  const res = await app.inject({ method: 'POST', url: '/__admin/clock?tenant=newcomer', payload: { to: '2027-01-04T00:00:00Z' } })
  t.same([res.statusCode, res.json().now, res.json().mode], [200, '2027-01-04T00:00:00.000Z', 'frozen'])
  t.ok(app.tenants.list().includes('newcomer'), 'the tenant exists from the clock call on')
  const scan = await app.inject({ method: 'GET', url: '/api/v1/scans/scan-adhoc', headers: { authorization: `Bearer ${token({ sub: 'n', tenant: 'newcomer' })}` } })
  t.equal(scan.statusCode, 200)
  t.same((await app.inject({ method: 'GET', url: '/__admin/clock?tenant=newcomer' })).json(), { now: '2027-01-04T00:00:00.000Z', mode: 'frozen' })
})
