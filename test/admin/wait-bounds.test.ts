import t from 'tap'
import { MAX_WAITERS, MAX_WAIT_MS } from '../../src/core/journal'
import { buildTestApp } from '../helpers'

// Waiting is bounded (issue 20): at most MAX_WAITERS at once (then a 429 in the admin shape), no wait
// longer than MAX_WAIT_MS, and a stop answers every pending waiter at once (none outlives the server).

t.test('waiters: a cap on how many, a 429 past it, and a stop answers them all', async t => {
  const { app } = await buildTestApp(t)
  const pending = Array.from({ length: MAX_WAITERS }, () => app.journal.wait({ tenant: 'default', path: '/never' }, 1, MAX_WAIT_MS))
  const refused = await app.inject({ url: '/__admin/requests/wait?path=/never&timeoutMs=10' })
  t.same([refused.statusCode, refused.json()], [429, { error: 'Too Many Requests', message: `at most ${MAX_WAITERS} waiters at once` }])
  await t.rejects(app.journal.wait({ tenant: 'default' }, 1, 10), RangeError, 'in process too')
  const started = Date.now()
  await app.close()
  const answers = await Promise.all(pending)
  t.ok(answers.every(a => a.timedOut && a.requests.length === 0), 'each answered as timed out, with what matched (nothing)')
  t.ok(Date.now() - started < 5000, 'at once, not after their minute')
})

t.test('a timeout over the bound waits MAX_WAIT_MS at most; one that is met answers at once', async t => {
  const { app, neostra } = await buildTestApp(t)
  // the bound itself, without waiting a minute: the schema refuses more than five digits
  const tooLong = await app.inject({ url: '/__admin/requests/wait?timeoutMs=600000' })
  t.equal(tooLong.statusCode, 400)
  const waiting = app.inject({ url: '/__admin/requests/wait?method=GET&path=/api/v1/integrations&timeoutMs=99999' })
  await neostra({ url: '/api/v1/integrations' })
  const met = await waiting
  t.same([met.statusCode, met.json().requests.length], [200, 1], 'answered as soon as the request came')
})
