import t from 'tap'
import { openDatabase } from '../../src/store/db'
import { KeptRecords } from '../../src/store/kept-records'
import { buildTestApp, demoFixture, expectAnswer } from '../helpers'

// Scheduled scans are kept parsed in memory and written through (scheduled-scans.repo.ts). These tests
// undo a write after the kept copy took it, with SQLite's own means, and read the record back over HTTP.

const TARGET = 'AxtkqTE1AbFd'
const SCAN = 'Dq7HkZ2vRtYp'
const PATH = `/targets/${TARGET}/scheduledscans/${SCAN}/`
t.test('KeptRecords: bounded, the first kept forgotten first; a tenant forgotten alone', async t => {
  const kept = new KeptRecords<string>(2)
  kept.keep('a', '1', 'a1')
  kept.keep('a', '2', 'a2')
  kept.keep('a', '1', 'a1 again')
  t.equal(kept.get('a', '2'), 'a2', 'keeping a record again evicts nothing')
  kept.keep('ab', '1', 'ab1')
  t.equal(kept.get('a', '1'), undefined, 'past the limit the first kept is forgotten')
  t.same([kept.get('a', '2'), kept.get('ab', '1')], ['a2', 'ab1'])
  kept.forgetTenant('a')
  t.same([kept.get('a', '2'), kept.get('ab', '1')], [undefined, 'ab1'], 'tenant "a" forgotten, "ab" kept')
  kept.delete('ab', '1')
  t.equal(kept.get('ab', '1'), undefined)
  // read through: SQLite read once, then kept; nothing found is not kept
  let reads = 0
  t.equal(kept.getOrRead('b', '1', () => { reads++; return 'b1' }), 'b1')
  t.equal(kept.getOrRead('b', '1', () => { reads++; return 'other' }), 'b1', 'kept: not read again')
  t.equal(kept.getOrRead('b', '2', () => { reads++; return undefined }), undefined)
  t.equal(kept.getOrRead('b', '2', () => { reads++; return 'b2' }), 'b2', 'a miss is read again')
  t.equal(reads, 3)
})

const stamp = { changed: '2030-01-01T00:00:00.000000Z', changed_by: { id: 'u-x', email: 'x@example.com', name: 'X' } }

t.test('a batch whose COMMIT fails leaves the kept record as SQLite has it', async t => {
  const { app, probely } = await buildTestApp(t)
  const before = (await probely({ method: 'GET', url: PATH })).json()
  const { db, scheduledScans } = app.store

  // both writes join one batch; a foreign key deferred to COMMIT makes that COMMIT fail
  const broken = app.store.write(() => {
    db.pragma('defer_foreign_keys = ON')
    db.prepare("UPDATE probely_scheduled_scans SET scan_profile = 'no-such-profile' WHERE id = ?").run('Gt5KpRr2YzCd')
  })
  const patched = app.store.write(() => scheduledScans.patch('default', TARGET, SCAN, { recurrence: 'q', timezone: 'Europe/Lisbon' }, stamp, () => undefined))
  t.equal(scheduledScans.get('default', TARGET, SCAN)?.recurrence, 'q', 'the kept copy took the write before COMMIT')

  await t.rejects(broken, { message: /FOREIGN KEY constraint failed/ })
  await t.rejects(patched, { message: /FOREIGN KEY constraint failed/ })
  const after = await probely({ method: 'GET', url: PATH })
  t.equal(after.statusCode, 200)
  t.same(after.json(), before, 'the undone PATCH is not shown')

  const next = await probely({ method: 'PATCH', url: PATH, payload: { recurrence: 'm' } })
  t.equal(next.statusCode, 200, 'the next batch commits as usual')
  t.equal((await probely({ method: 'GET', url: PATH })).json().recurrence, 'm')
})

t.test('a write after which SQLite has dropped the whole batch fails the writes before it at once', async t => {
  const { app, probely, database } = await buildTestApp(t)
  const before = (await probely({ method: 'GET', url: PATH })).json()
  const { db, scheduledScans } = app.store
  const patched = app.store.write(() => scheduledScans.patch('default', TARGET, SCAN, { recurrence: 'q' }, stamp, () => undefined))
  // what SQLite does on its own after some errors (a full disk, say): the transaction is gone
  const lost = app.store.write(() => { db.exec('ROLLBACK'); throw new Error('disk full, say') })
  // a write in the same turn starts a new batch, which commits
  const next = app.store.write(() => scheduledScans.patch('default', TARGET, SCAN, { timezone: 'Europe/Lisbon' }, stamp, () => undefined))
  await t.rejects(lost, { message: 'disk full, say' })
  await t.rejects(patched, { message: 'the write was rolled back before it could be committed' })
  await t.resolves(next)
  const after = (await probely({ method: 'GET', url: PATH })).json()
  t.same({ ...after, timezone: before.timezone, changed: before.changed, changed_by: before.changed_by }, before, 'the undone PATCH is not shown')
  t.equal(after.timezone, 'Europe/Lisbon', 'the next one is')
  await app.close()
  const reopened = openDatabase(database)
  t.teardown(() => reopened.close())
  t.equal(reopened.prepare('SELECT recurrence || \' \' || timezone FROM probely_scheduled_scans WHERE tenant = \'default\' AND id = ?').pluck().get(SCAN), `${before.recurrence} Europe/Lisbon`, 'as stored in the file')
})

t.test('a fixture refused by SQLite half-way keeps the tenant as it was', async t => {
  const { app, probely } = await buildTestApp(t)
  t.equal((await probely({ method: 'PATCH', url: PATH, payload: { recurrence: 'q' } })).statusCode, 200)

  // the last scheduled scan of the new fixture is refused by a trigger, after the others were written
  const fixture = demoFixture()
  const last = fixture.probely.scheduledScans.at(-1).id
  app.store.db.exec(`CREATE TEMP TRIGGER refuse BEFORE INSERT ON probely_scheduled_scans
    WHEN NEW.id = '${last}' BEGIN SELECT RAISE(ABORT, 'refused by test'); END`)
  t.throws(() => app.tenants.loadFixture('default', fixture), { message: /refused by test/ })
  app.store.db.exec('DROP TRIGGER refuse')

  const scan = (await probely({ method: 'GET', url: PATH })).json()
  t.equal(scan.recurrence, 'q', 'the committed PATCH is still there')
  const list = (await probely({ method: 'GET', url: `/targets/${TARGET}/scheduledscans/` })).json()
  t.equal(list.count, fixture.probely.scheduledScans.filter((s: { target: string }) => s.target === TARGET).length)
})

t.test('a scheduled scan read through another target is not found, kept or not', async t => {
  const { probely } = await buildTestApp(t)
  const kept = await probely({ method: 'GET', url: PATH })
  t.equal(kept.statusCode, 200, 'now kept')
  const other = demoFixture().probely.targets.find((x: { id: string }) => x.id !== TARGET).id
  for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
    const res = await probely({ method, url: `/targets/${other}/scheduledscans/${SCAN}/`, payload: method === 'PATCH' ? { recurrence: 'd' } : undefined })
    expectAnswer(t, res, 404, { detail: 'Not found.' }, { message: method })
  }
  t.same((await probely({ method: 'GET', url: PATH })).json(), kept.json(), 'untouched through its own path')
})

t.test('a deleted scheduled scan is gone from memory too', async t => {
  const { probely } = await buildTestApp(t)
  t.equal((await probely({ method: 'PATCH', url: PATH, payload: { recurrence: 'd' } })).statusCode, 200)
  t.equal((await probely({ method: 'DELETE', url: PATH })).statusCode, 204)
  expectAnswer(t, await probely({ method: 'GET', url: PATH }), 404, { detail: 'Not found.' })
  expectAnswer(t, await probely({ method: 'PATCH', url: PATH, payload: { recurrence: 'd' } }), 404, { detail: 'Not found.' })
})

t.test('Neostra scans are kept too: a batch whose COMMIT fails leaves the kept scan as SQLite has it', async t => {
  const { app, neostra } = await buildTestApp(t)
  const url = '/api/v1/scans/scan-adhoc'
  const before = (await neostra({ method: 'GET', url })).json()
  const { db } = app.store
  const broken = app.store.write(() => {
    db.pragma('defer_foreign_keys = ON')
    db.prepare("UPDATE probely_scheduled_scans SET scan_profile = 'no-such-profile' WHERE id = ?").run('Gt5KpRr2YzCd')
  })
  const patched = app.store.write(() => app.store.neostra.patchScan('default', 'scan-adhoc', { name: 'undone', schedule: '0 3 * * *' }, '2030-01-01T00:00:00.000Z'))
  t.equal(app.store.neostra.getScan('default', 'scan-adhoc')?.name, 'undone', 'the kept row took the write before COMMIT')
  await t.rejects(broken, { message: /FOREIGN KEY constraint failed/ })
  await t.rejects(patched, { message: /FOREIGN KEY constraint failed/ })
  t.same((await neostra({ method: 'GET', url })).json(), before, 'the undone PATCH is not shown')
  const next = await neostra({ method: 'PATCH', url, payload: { name: 'kept' } })
  t.equal(next.json().data.name, 'kept')
  t.equal((await neostra({ method: 'GET', url })).json().data.name, 'kept', 'read back from the kept row')
  t.equal(db.prepare("SELECT name FROM neostra_scans WHERE tenant = 'default' AND id = 'scan-adhoc'").pluck().get(), 'kept', 'and SQLite has it')
})
