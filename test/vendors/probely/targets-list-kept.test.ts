import t from 'tap'
import { buildTestApp } from '../../helpers'

// GET /targets/ read again is the kept page (src/store/kept-pages.ts) while nothing is written: each kind
// of write in between (the target's PATCH, a new schedule, a scan started, the clock running it to its
// end, a batch whose COMMIT fails) must show in the next list exactly as each target's own GET shows it,
// kept pages on (the default) or off (KEPT_PAGES_MB=0).
const A = 'AxtkqTE1AbFd'
const T0 = '2031-03-01T10:00:00.000Z'
for (const env of [{}, { KEPT_PAGES_MB: '0' }] as Array<Record<string, string>>) {
  t.test(`GET /targets/ read again after writes shows each write (${JSON.stringify(env)})`, async t => {
    const { app, probely } = await buildTestApp(t, env)
    t.equal((await app.inject({ method: 'POST', url: '/__admin/clock', payload: { to: T0 } })).statusCode, 200)
    const list = async () => {
      const res = await probely({ method: 'GET', url: '/targets/' })
      t.equal(res.statusCode, 200)
      const results = res.json().results as Array<{ id: string }>
      for (const target of results) {
        const one = await probely({ method: 'GET', url: `/targets/${target.id}/` })
        t.equal(JSON.stringify(target), one.body, `${target.id} listed as its own GET answers it`)
      }
      return { body: res.body, byId: new Map(results.map(r => [r.id, r as any])) }
    }
    const first = await list()
    t.equal((await list()).body, first.body, 'read again, nothing changed: the same bytes')

    t.equal((await probely({ method: 'PATCH', url: `/targets/${A}/`, payload: { site: { name: 'renamed' } } })).statusCode, 200)
    t.equal((await list()).byId.get(A).site.name, 'renamed', 'the PATCH shows')

    const made = await probely({ method: 'POST', url: `/targets/${A}/scheduledscans/`, payload: { date_time: '2031-03-01T11:00:00Z', recurrence: 'd' } })
    t.equal(made.statusCode, 201)
    const afterSchedule = await list()
    t.not(afterSchedule.body, first.body, 'a new schedule changes the page')

    const started = await probely({ method: 'POST', url: `/targets/${A}/scan_now/` })
    t.equal(started.statusCode, 200)
    const afterStart = await list()
    t.not(afterStart.body, afterSchedule.body, 'a started scan changes the page')

    t.equal((await app.inject({ method: 'POST', url: '/__admin/clock', payload: { advanceMs: 6 * 3600_000 } })).statusCode, 200)
    const afterClock = await list()
    t.not(afterClock.body, afterStart.body, 'the clock running scans to their end changes the page')

    // a batch whose COMMIT fails (a foreign key deferred to it): the undone write must not show
    const { db } = app.store
    const broken = app.store.write(() => {
      db.pragma('defer_foreign_keys = ON')
      db.prepare("UPDATE probely_scheduled_scans SET scan_profile = 'no-such-profile' WHERE id = ?").run(made.json().id)
    })
    await t.rejects(broken, { message: /FOREIGN KEY constraint failed/ })
    t.equal((await list()).body, afterClock.body, 'the undone write is not shown')
  })
}
