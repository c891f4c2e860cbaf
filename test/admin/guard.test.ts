import t from 'tap'
import { buildTestApp } from '../helpers'

const ADMIN_TOKEN = 'admin-secret-0123456789'

t.test('the admin token guard reads the Authorization header as words: spaces around and between are one', async t => {
  const { app } = await buildTestApp(t, { ADMIN_TOKEN })
  for (const authorization of [`Bearer ${ADMIN_TOKEN}`, `  Bearer \t  ${ADMIN_TOKEN}  `, `BEARER ${ADMIN_TOKEN}`]) {
    t.equal((await app.inject({ method: 'GET', url: '/__admin/requests', headers: { authorization } })).statusCode, 200, JSON.stringify(authorization))
  }
  for (const authorization of [`Bearer${ADMIN_TOKEN}`, `Bearer ${ADMIN_TOKEN} extra`.replace(' extra', 'x'), `Bearer  ${ADMIN_TOKEN.slice(1)}`, '']) {
    t.equal((await app.inject({ method: 'GET', url: '/__admin/requests', headers: { authorization } })).statusCode, 401, JSON.stringify(authorization))
  }
})
