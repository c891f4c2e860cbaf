import t from 'tap'
import { buildTestApp } from '../helpers'

// A value is never answered before its COMMIT succeeded (issue 19). Reads share the connection with the
// open write batch; a foreign key deferred to COMMIT makes that COMMIT fail for real, in SQLite itself.

const TARGET = 'AxtkqTE1AbFd'
const PATH = `/targets/${TARGET}/scheduledscans/Dq7HkZ2vRtYp/`

const poison = (app: Awaited<ReturnType<typeof buildTestApp>>['app']) => app.store.write(() => {
  app.store.db.pragma('defer_foreign_keys = ON')
  app.store.db.prepare("UPDATE probely_scheduled_scans SET scan_profile = 'no-such-profile' WHERE id = ?").run('Gt5KpRr2YzCd')
})

t.test('GETs during a batch whose COMMIT fails never show its values: a 503 in the vendor\'s shape, then the stored state', async t => {
  const { app, probely, neostra } = await buildTestApp(t)
  const before = (await probely({ method: 'GET', url: PATH })).json()
  const neostraBefore = (await neostra({ method: 'GET', url: '/api/v1/scans/scan-adhoc' })).json()
  const failed = poison(app)
  // a write of the doomed batch the GETs below can see on the connection before its COMMIT
  const written = app.store.write(() => {
    app.store.db.prepare("UPDATE probely_scheduled_scans SET recurrence = 'q' WHERE id = 'Dq7HkZ2vRtYp'").run()
    app.store.db.prepare("UPDATE neostra_scans SET name = 'rolled back' WHERE id = 'scan-adhoc'").run()
  })
  const [read, other, admin] = await Promise.all([
    probely({ method: 'GET', url: PATH }),
    neostra({ method: 'GET', url: '/api/v1/scans/scan-adhoc' }),
    app.inject({ method: 'GET', url: '/__admin/fixtures' })
  ])
  await t.rejects(failed, /FOREIGN KEY/)
  await t.rejects(written, /FOREIGN KEY/)
  t.same([read.statusCode, read.json(), read.headers['retry-after']], [503, { detail: 'Service temporarily unavailable, try again later.' }, '1'], 'a Probely GET of the batch: refused, not the rolled-back value')
  t.same([other.statusCode, other.json()], [503, { error: 'Service Unavailable', message: 'Service Unavailable', code: 503 }], 'Neostra\'s shape')
  t.equal(admin.statusCode, 503, 'the admin export too')
  t.match(admin.json(), { error: 'Service Unavailable', message: String })

  const after = await probely({ method: 'GET', url: PATH })
  t.same([after.statusCode, after.json()], [200, before], 'afterwards: the stored state')
  t.same((await neostra({ method: 'GET', url: '/api/v1/scans/scan-adhoc' })).json(), neostraBefore)
  t.equal((await probely({ method: 'PATCH', url: PATH, payload: { recurrence: 'm' } })).statusCode, 200, 'the next batch commits')
  t.equal((await probely({ method: 'GET', url: PATH })).json().recurrence, 'm')
  const journaled = app.journal.find({ tenant: 'default', method: 'GET', path: PATH })
  t.ok(journaled.some(e => e.status === 503), 'the journal has the refused answer as it went out')
})

t.test('a GET during a batch that commits waits for the COMMIT and answers the committed value', async t => {
  const { probely } = await buildTestApp(t)
  const [patched, read] = await Promise.all([
    probely({ method: 'PATCH', url: PATH, payload: { recurrence: 'q' } }),
    probely({ method: 'GET', url: PATH })
  ])
  t.equal(patched.statusCode, 200)
  t.equal(read.statusCode, 200)
  t.ok(['q', 'w', 'd', 'm', 'h', ''].includes(read.json().recurrence), 'old or new, never an error')
  t.equal((await probely({ method: 'GET', url: '/health' })).statusCode, 200)
})
