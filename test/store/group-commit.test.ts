import { join } from 'node:path'
import t from 'tap'
import { openDatabase, type Db } from '../../src/store/db'
import { GroupCommit } from '../../src/store/group-commit'
import { buildTestApp, tempDir } from '../helpers'

// GroupCommit on a real SQLite file: what a read's mark says about the batches since, and when.

function setUp (t: Parameters<typeof tempDir>[0]) {
  const db = openDatabase(join(tempDir(t), 'gc.db'))
  db.exec('CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES parent (id))')
  let rollbacks = 0
  const gc = new GroupCommit(db, () => { rollbacks++ })
  t.teardown(() => db.close())
  return { db, gc, rollbacks: () => rollbacks }
}
const insertParent = (db: Db, id: number) => () => { db.prepare('INSERT INTO parent (id) VALUES (?)').run(id) }
// a foreign key checked at COMMIT: the batch's COMMIT fails, in SQLite itself
const orphan = (db: Db) => () => { db.pragma('defer_foreign_keys = ON'); db.prepare('INSERT INTO child (id, parent) VALUES (1, 99)').run() }
const count = (db: Db, table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()

t.test('a mark taken while a batch is open settles with that batch: true once it commits', async t => {
  const { db, gc, rollbacks } = setUp(t)
  const written = gc.write(insertParent(db, 1))
  const mark = gc.mark()
  const settled = gc.settled(mark)
  t.type(settled, Promise, 'not known before the COMMIT')
  t.equal(await settled, true)
  await written
  t.equal(gc.settled(mark), true, 'and at once afterwards')
  t.equal(gc.settled(gc.mark()), true, 'a mark with no batch open: true at once')
  t.equal(rollbacks(), 0)
})

t.test('a batch whose COMMIT fails: its marks settle false, later ones true; the rollback is reported once', async t => {
  const { db, gc, rollbacks } = setUp(t)
  const failing = gc.write(orphan(db))
  const mark = gc.mark()
  const settled = gc.settled(mark)
  await t.rejects(failing, { message: /FOREIGN KEY constraint failed/ })
  t.equal(await settled, false, 'the open batch failed')
  t.equal(gc.settled(mark), false, 'still false afterwards')
  t.equal(rollbacks(), 1)
  t.equal(count(db, 'child'), 0)
  const after = gc.mark()
  t.equal(gc.settled(after), true, 'a mark after the failed batch: true')
  const next = gc.write(insertParent(db, 2))
  const failedAgain = gc.settled(mark)
  t.type(failedAgain, Promise, 'the failed batch\'s mark, asked while a later batch is open: known when that one ends')
  t.equal(await failedAgain, false, 'and still false: the later batch commits, the failed one stays failed')
  await next
  t.equal(gc.settled(after), true)
  t.equal(count(db, 'parent'), 1)
})

t.test('a batch SQLite dropped on its own fails its marks; a flush with no batch open fails none', async t => {
  const { db, gc, rollbacks } = setUp(t)
  const first = gc.write(insertParent(db, 1))
  const firstMark = gc.mark()
  await first
  gc.flush() // nothing open: the batch committed before stays committed
  t.equal(gc.settled(firstMark), true)

  const kept = gc.write(insertParent(db, 2))
  const mark = gc.mark()
  const lost = gc.write(() => { db.exec('ROLLBACK'); throw new Error('disk full, say') })
  await t.rejects(lost, { message: 'disk full, say' })
  await t.rejects(kept, { message: 'the write was rolled back before it could be committed' })
  t.equal(gc.settled(mark), false, 'the dropped batch')
  t.equal(rollbacks(), 1)
  t.equal(count(db, 'parent'), 1)
})

t.test('the store: flush commits the open batch now; onRollback is called after a failed batch', async t => {
  const { app } = await buildTestApp(t)
  let calls = 0
  app.store.onRollback(() => { calls++ })
  const written = app.store.write(() => app.store.db.prepare("UPDATE neostra_scans SET name = 'flushed' WHERE id = 'scan-adhoc'").run())
  t.equal(app.store.db.inTransaction, true, 'the batch is open')
  app.store.flush()
  t.equal(app.store.db.inTransaction, false, 'committed at once')
  await written
  const failing = app.store.write(orphanOf(app.store.db))
  await t.rejects(failing, { message: /FOREIGN KEY/ })
  t.equal(calls, 1, 'told once')
  t.equal(app.store.db.prepare("SELECT name FROM neostra_scans WHERE id = 'scan-adhoc'").pluck().get(), 'flushed')
})

function orphanOf (db: Db) {
  return () => {
    db.pragma('defer_foreign_keys = ON')
    db.prepare("UPDATE probely_scheduled_scans SET scan_profile = 'no-such-profile' WHERE id = 'Gt5KpRr2YzCd'").run()
  }
}
