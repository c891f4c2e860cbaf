import { statSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { openDatabase, type Db } from '../../src/store/db'
import { createMaintenance } from '../../src/store/maintenance'
import { tempDir } from '../helpers'

// After a big write the free pages go back to the file system and the WAL is truncated, once no
// transaction is open; on a real file, measured with SQLite's own counters and the WAL's size.

function bigWriteThenDelete (t: Parameters<typeof tempDir>[0]) {
  const file = join(tempDir(t), 'm.db')
  const db = openDatabase(file)
  t.teardown(() => { if (db.open) db.close() })
  db.exec('CREATE TABLE big (x TEXT)')
  const insert = db.prepare('INSERT INTO big (x) VALUES (?)')
  db.transaction(() => { for (let i = 0; i < 2000; i++) insert.run('x'.repeat(1000)) })()
  db.exec('DELETE FROM big')
  return { db, wal: `${file}-wal` }
}
const freePages = (db: Db) => db.pragma('freelist_count', { simple: true }) as number
const walBytes = (wal: string) => statSync(wal).size
/** the next turn of timers: a setTimeout(…, 0) made before this one has run */
const timersRan = () => new Promise(resolve => setTimeout(resolve, 0))

t.test('afterBigWrite: on the next turn, free pages given back and the WAL truncated; a burst of calls runs once', async t => {
  const { db, wal } = bigWriteThenDelete(t)
  t.ok(freePages(db) > 100, 'pages freed by the delete')
  t.ok(walBytes(wal) > 1_000_000, 'a WAL of MBs')
  const m = createMaintenance(db)
  m.afterBigWrite()
  m.afterBigWrite()
  t.ok(freePages(db) > 100, 'not at once')
  await timersRan()
  t.equal(freePages(db), 0)
  t.equal(walBytes(wal), 0)
})

t.test('while a transaction is open nothing runs; now() runs what is pending once it is closed; stop() cancels', async t => {
  const { db, wal } = bigWriteThenDelete(t)
  const m = createMaintenance(db)
  db.exec('BEGIN')
  m.now()
  t.ok(freePages(db) > 100, 'inside a transaction: left for later')
  db.exec('COMMIT')
  m.now()
  t.equal(freePages(db), 0)
  t.equal(walBytes(wal), 0)

  const second = bigWriteThenDelete(t)
  const stopped = createMaintenance(second.db)
  stopped.afterBigWrite()
  stopped.stop()
  await timersRan()
  t.ok(freePages(second.db) > 100, 'stopped: nothing ran')
})

t.test('a pending run after the database closed does nothing, and does not throw', async t => {
  const { db } = bigWriteThenDelete(t)
  const m = createMaintenance(db)
  db.close()
  t.doesNotThrow(() => m.now())
})
