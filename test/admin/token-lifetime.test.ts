import t from 'tap'
import { lifetimeSeconds } from '../../src/core/duration'
import { buildTestApp } from '../helpers'

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString())

t.test('one lifetime parser: seconds or a duration, and never zero or less', async t => {
  t.same([lifetimeSeconds(60), lifetimeSeconds('60'), lifetimeSeconds('15m'), lifetimeSeconds('12 h'), lifetimeSeconds('1.5h'), lifetimeSeconds('1s')], [60, 60, 900, 43200, 5400, 1])
  for (const bad of [0, '0', '0s', '500ms', '-5m', 'soon', '', '1x']) t.equal(lifetimeSeconds(bad), undefined, JSON.stringify(bad))
})

t.test('POST /__admin/tokens refuses a lifetime of zero or less with a 400, and mints the rest', async t => {
  const { app } = await buildTestApp(t)
  for (const expiresIn of ['0s', '500ms', 0, -1]) {
    const res = await app.inject({ method: 'POST', url: '/__admin/tokens', payload: { expiresIn } })
    t.equal(res.statusCode, 400, JSON.stringify(expiresIn))
    t.match(res.json(), { error: 'Bad Request', message: /expiresIn/ })
  }
  for (const [expiresIn, seconds] of [[1, 1], ['1s', 1], ['15m', 900], ['2h', 7200]] as const) {
    const res = await app.inject({ method: 'POST', url: '/__admin/tokens', payload: { expiresIn } })
    t.equal(res.statusCode, 201)
    const claims = claimsOf(res.json().token)
    t.equal(claims.exp - claims.iat, seconds, `${expiresIn} lives ${seconds} s`)
  }
})
