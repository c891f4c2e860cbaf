import t from 'tap'
import { buildTestApp, expectAnswer } from '../helpers'

// An admin call that fails inside (here SQLite refusing a reset's delete) answers 500 in the admin
// shape, and the transaction it was in is undone: the tenant's data is still there.
t.test('an admin call that fails inside answers 500 {error, message} and keeps what was stored', async t => {
  const { app, token } = await buildTestApp(t)
  const auth = { authorization: `JWT ${token()}` }
  const before = await app.inject({ method: 'GET', url: '/targets/', headers: auth })
  t.equal(before.statusCode, 200)
  app.store.db.exec('CREATE TEMP TRIGGER refuse_delete BEFORE DELETE ON probely_targets BEGIN SELECT RAISE(ABORT, \'refused for the test\'); END')
  const res = await app.inject({ method: 'POST', url: '/__admin/reset' })
  expectAnswer(t, res, 500, { error: 'Internal Server Error', message: 'admin call failed' })
  app.store.db.exec('DROP TRIGGER refuse_delete')
  const after = await app.inject({ method: 'GET', url: '/targets/', headers: auth })
  t.same([after.statusCode, after.json()], [200, before.json()], 'the reset was rolled back whole')
})
