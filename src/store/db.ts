import Database from 'better-sqlite3'
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { migrationsDir } from '../paths'

export type Db = Database.Database

export class StoreError extends Error {}

interface Migration { version: number, name: string, sql: string }

function readMigrations (dir: string): Migration[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter(f => /^\d+_.+\.sql$/.test(f))
    .map(f => ({ version: Number.parseInt(f, 10), name: f, sql: readFileSync(join(dir, f), 'utf8') }))
    .sort((a, b) => a.version - b.version)
}

/** Who owns a folder of numbered migrations: the core (`migrations/`) or a vendor (`migrations/<name>/`). */
export interface MigrationOwner { name: string, migrations?: string }

/**
 * Applies the migrations the database has not recorded yet, the core's first, then each owner's in
 * order; returns the names applied (`<owner>/<file>` for an owner's). Each owner numbers its own files;
 * each is recorded with its owner, so one vendor's numbers never collide with another's.
 */
export function migrate (db: Db, owners: readonly MigrationOwner[] = [], coreDir = migrationsDir): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`)
  db.exec(`CREATE TABLE IF NOT EXISTS owned_migrations (
    owner TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL,
    PRIMARY KEY (owner, version))`)
  const applied: string[] = []
  // the core's migrations keep their table (databases made before owners existed recorded them there)
  const coreDone = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[])
  const recordCore = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
  for (const m of readMigrations(coreDir)) {
    if (coreDone.has(m.version)) continue
    db.transaction(() => { db.exec(m.sql); recordCore.run(m.version, m.name, new Date().toISOString()) })()
    applied.push(m.name)
  }
  const ownedDone = db.prepare<[string], number>('SELECT version FROM owned_migrations WHERE owner = ?').pluck()
  const recordOwned = db.prepare('INSERT INTO owned_migrations (owner, version, name, applied_at) VALUES (?, ?, ?, ?)')
  for (const owner of owners) {
    if (!owner.migrations) continue
    const done = new Set(ownedDone.all(owner.name))
    for (const m of readMigrations(owner.migrations)) {
      if (done.has(m.version)) continue
      db.transaction(() => { db.exec(m.sql); recordOwned.run(owner.name, m.version, m.name, new Date().toISOString()) })()
      applied.push(`${owner.name}/${m.name}`)
    }
  }
  return applied
}

/**
 * Opens (creating it and its folder if need be) the SQLite file, sets the pragmas and migrates.
 * Any failure becomes one StoreError line that names the file, never a stack.
 */
export function openDatabase (path: string, owners: readonly MigrationOwner[] = [], { cacheMb }: { cacheMb?: number } = {}): Db {
  const where = path === ':memory:' ? ':memory:' : resolve(path)
  let db: Db | undefined
  try {
    // Stryker disable next-line ConditionalExpression,StringLiteral: for ':memory:' the folder would be '.', which is there
    if (path !== ':memory:') mkdirSync(dirname(where), { recursive: true })
    db = new Database(where)
    // one server owns its file: exclusive locking lets WAL skip the shared-memory index and its
    // locks on every transaction (a write costs about half); another process cannot open the file meanwhile
    // Stryker disable next-line ConditionalExpression,StringLiteral: an in-memory database has this one connection only, exclusive or not
    if (path !== ':memory:') db.pragma('locking_mode = EXCLUSIVE')
    // a new file gives the pages of deleted rows back (PRAGMA incremental_vacuum, see maintenance.ts);
    // on a file made before, the setting only takes with a VACUUM, which the README leaves to the operator
    db.pragma('auto_vacuum = INCREMENTAL')
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    // negative: in KiB. PATCHes at random over 100,000 records read pages past the default 16 MB (#23)
    if (cacheMb !== undefined) db.pragma(`cache_size = ${-Math.round(cacheMb * 1024)}`)
    migrate(db, owners)
    return db
  } catch (err) {
    db?.close()
    const why = (err as Error).message
    throw new StoreError(`scanstub: cannot use database ${where}: ${why}`)
  }
}
