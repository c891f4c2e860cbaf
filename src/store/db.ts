import Database from 'better-sqlite3'
import { mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { migrationsDir } from '../paths'

export type Db = Database.Database

export class StoreError extends Error {}

interface Migration { version: number, name: string, sql: string }

function readMigrations (dir: string): Migration[] {
  return readdirSync(dir)
    .filter(f => /^\d+_.+\.sql$/.test(f))
    .map(f => ({ version: Number.parseInt(f, 10), name: f, sql: readFileSync(join(dir, f), 'utf8') }))
    .sort((a, b) => a.version - b.version)
}

/** Applies the migrations the database has not recorded yet; returns the names applied. */
export function migrate (db: Db, dir = migrationsDir): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`)
  const done = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[])
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
  const applied: string[] = []
  for (const m of readMigrations(dir)) {
    if (done.has(m.version)) continue
    db.transaction(() => {
      db.exec(m.sql)
      record.run(m.version, m.name, new Date().toISOString())
    })()
    applied.push(m.name)
  }
  return applied
}

/**
 * Opens (creating it and its folder if need be) the SQLite file, sets the pragmas and migrates.
 * Any failure becomes one StoreError line that names the file, never a stack.
 */
export function openDatabase (path: string): Db {
  const where = path === ':memory:' ? ':memory:' : resolve(path)
  let db: Db | undefined
  try {
    if (path !== ':memory:') mkdirSync(dirname(where), { recursive: true })
    db = new Database(where)
    // one server owns its file: exclusive locking lets WAL skip the shared-memory index and its
    // locks on every transaction (a write costs about half); another process cannot open the file meanwhile
    if (path !== ':memory:') db.pragma('locking_mode = EXCLUSIVE')
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    migrate(db)
    return db
  } catch (err) {
    db?.close()
    const why = (err as Error).message
    throw new StoreError(`scanstub: cannot use database ${where}: ${why}`)
  }
}
