import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import t from 'tap'
import { migrate, openDatabase } from '../../src/store/db'
import { buildTestApp, expectAnswer, tempDir } from '../helpers'

t.test('migrations are applied once, recorded, and WAL is on', async t => {
  const file = join(tempDir(t), 'm.db')
  const db = openDatabase(file)
  t.teardown(() => db.close())
  t.equal(db.pragma('journal_mode', { simple: true }), 'wal')
  t.equal(db.pragma('foreign_keys', { simple: true }), 1)
  const recorded = db.prepare('SELECT version, name FROM schema_migrations').all()
  t.same(recorded, [{ version: 1, name: '001_init.sql' }, { version: 2, name: '002_clocks.sql' }, { version: 3, name: '003_health_probe.sql' }])
  t.same(migrate(db), [], 'nothing left to apply')
})

t.test('a new numbered migration is applied after the recorded ones', async t => {
  const dir = tempDir(t)
  writeFileSync(join(dir, '001_a.sql'), 'CREATE TABLE a (x INTEGER);')
  writeFileSync(join(dir, '002_b.sql'), 'CREATE TABLE b (y INTEGER);')
  writeFileSync(join(dir, 'notes.txt'), 'not a migration')
  const db = new Database(':memory:')
  t.teardown(() => db.close())
  t.same(migrate(db, [], dir), ['001_a.sql', '002_b.sql'])
  t.same(migrate(db, [], dir), [])
})

t.test('a database that cannot be opened or written is one clear error line', async t => {
  const dir = tempDir(t)
  const notADb = join(dir, 'garbage.db')
  writeFileSync(notADb, 'this is not an sqlite file, not at all, not even close to one'.repeat(20))
  t.throws(() => openDatabase(notADb), { name: 'Error', message: `scanstub: cannot use database ${notADb}: file is not a database` })

  const blocker = join(dir, 'file')
  writeFileSync(blocker, '')
  t.throws(() => openDatabase(join(blocker, 'sub', 'x.db')), { message: /^scanstub: cannot use database .*x\.db: ENOTDIR/ })

  // a folder that is a file fails for root too; so does a database path that is a folder
  t.throws(() => openDatabase(dir), { message: new RegExp(`^scanstub: cannot use database ${dir}: `) })
})

// root ignores file modes (CI runs as root): there a read-only folder is writable, and the test says so
const root = process.getuid?.() === 0
t.test('a read-only folder is one clear error line', { skip: root ? 'runs as root, which may write to a read-only folder' : false }, async t => {
  const ro = join(tempDir(t), 'ro')
  mkdirSync(ro)
  chmodSync(ro, 0o500)
  t.throws(() => openDatabase(join(ro, 'x.db')), { message: /^scanstub: cannot use database/ })
})

t.test('restart on the same file keeps every write', async t => {
  const file = join(tempDir(t), 'keep.db')
  const first = await buildTestApp(t, {}, file)
  await first.neostra({ method: 'PATCH', url: '/api/v1/scans/scan-adhoc', payload: { name: 'Survives' } })
  await first.probely({ method: 'PATCH', url: '/targets/AxtkqTE1AbFd/scheduledscans/Dq7HkZ2vRtYp', payload: { recurrence: 'q' } })
  await first.app.close()

  const second = await buildTestApp(t, {}, file)
  t.equal((await second.neostra({ method: 'GET', url: '/api/v1/scans/scan-adhoc' })).json().data.name, 'Survives')
  t.equal((await second.probely({ method: 'GET', url: '/targets/AxtkqTE1AbFd/scheduledscans/Dq7HkZ2vRtYp/' })).json().recurrence, 'q')
  t.equal((await second.neostra({ method: 'GET', url: '/api/v1/scans' })).json().data.length, 3, 'the fixture is not loaded again over the data')
})

t.test('GET /health answers 200 while the database answers, 503 when it does not', async t => {
  const { app } = await buildTestApp(t)
  const ok = await app.inject({ method: 'GET', url: '/health' })
  t.equal(ok.statusCode, 200)
  t.same(ok.json(), { status: 'ok', database: 'ok' })
  app.store.db.close()
  expectAnswer(t, await app.inject({ method: 'GET', url: '/health' }), 503, { status: 'unavailable', database: 'The database connection is not open' })
})

t.test('migrations: numbered files only, in number order (10 after 2), a missing folder is none; an owner\'s named and recorded apart', async t => {
  const dir = tempDir(t)
  writeFileSync(join(dir, '1_a.sql'), 'CREATE TABLE a (x INTEGER);')
  writeFileSync(join(dir, '2_b.sql'), 'CREATE TABLE b (y INTEGER);')
  // needs 2's table: applied in text order ("10" before "2") it fails
  writeFileSync(join(dir, '10_c.sql'), 'ALTER TABLE b ADD COLUMN z INTEGER;')
  writeFileSync(join(dir, 'x3_d.sql'), 'this is no SQL: not a numbered file')
  writeFileSync(join(dir, '4_e.sql.bak'), 'this is no SQL: not a .sql file')
  const db = new Database(':memory:')
  t.teardown(() => db.close())
  t.same(migrate(db, [], dir), ['1_a.sql', '2_b.sql', '10_c.sql'])
  t.same(db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all(), [
    { version: 1, name: '1_a.sql' }, { version: 2, name: '2_b.sql' }, { version: 10, name: '10_c.sql' }])

  const vendorDir = join(dir, 'vendor')
  mkdirSync(vendorDir)
  writeFileSync(join(vendorDir, '001_v.sql'), 'CREATE TABLE v (w INTEGER);')
  const owners = [{ name: 'acme', migrations: vendorDir }, { name: 'gone', migrations: join(dir, 'no-such-folder') }, { name: 'none' }]
  t.same(migrate(db, owners, dir), ['acme/001_v.sql'], "an owner's file is named with its owner; a missing folder has none")
  t.same(db.prepare('SELECT owner, version, name FROM owned_migrations').all(), [{ owner: 'acme', version: 1, name: '001_v.sql' }])
  t.same(migrate(db, owners, join(dir, 'no-such-core')), [], 'recorded: nothing again')
})

t.test('openDatabase: ":memory:" is SQLite\'s own, no file; a file is held exclusively; cacheMb is the page cache in MiB', async t => {
  const cwd = process.cwd()
  const memory = openDatabase(':memory:')
  t.teardown(() => memory.close())
  t.equal(memory.name, ':memory:')
  t.equal(memory.memory, true)
  t.notOk(existsSync(join(cwd, ':memory:')), 'no file named ":memory:"')

  const file = join(tempDir(t), 'held.db')
  const db = openDatabase(file, [], { cacheMb: 64 })
  t.teardown(() => db.close())
  t.equal(db.pragma('cache_size', { simple: true }), -64 * 1024, 'negative: KiB')
  t.equal(db.pragma('locking_mode', { simple: true }), 'exclusive')
  const other = new Database(file, { timeout: 0 })
  t.teardown(() => other.close())
  t.throws(() => other.prepare('SELECT count(*) FROM schema_migrations').get(), { code: 'SQLITE_BUSY' }, 'another connection is kept out')
})
