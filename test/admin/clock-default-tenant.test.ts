import t from 'tap'
import { buildTestApp } from '../helpers'

// `?tenant=` left out means the tenant "default", for reading the clock and for driving it alike.
t.test('the clock routes without ?tenant= read and drive the default tenant\'s clock', async t => {
  const { app } = await buildTestApp(t)
  const set = await app.inject({ method: 'POST', url: '/__admin/clock?tenant=default', payload: { to: '2031-05-06T07:08:09Z' } })
  t.equal(set.statusCode, 200)
  t.same((await app.inject({ method: 'GET', url: '/__admin/clock' })).json(), { now: '2031-05-06T07:08:09.000Z', mode: 'frozen' },
    'GET without a tenant reads the default tenant\'s clock')
  const moved = await app.inject({ method: 'POST', url: '/__admin/clock', payload: { advanceMs: 1000 } })
  t.same([moved.statusCode, moved.json()], [200, { now: '2031-05-06T07:08:10.000Z', mode: 'frozen', events: 0 }])
  t.same((await app.inject({ method: 'GET', url: '/__admin/clock?tenant=default' })).json(), { now: '2031-05-06T07:08:10.000Z', mode: 'frozen' },
    'POST without a tenant moved the default tenant\'s clock')
})
