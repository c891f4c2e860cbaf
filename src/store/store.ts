import { createNeostraRepo } from '../vendors/neostra/scans.repo'
import { createTasksRepo } from '../vendors/neostra/tasks.repo' // neostra workflows (issue 18)
import { createUsersRepo } from '../vendors/neostra/users.repo' // neostra workflows (issue 18)
import { exportNeostraFixture, loadNeostraFixture } from '../vendors/neostra/fixture'
import { exportProbelyFixture, loadProbelyFixture } from '../vendors/probely/fixture'
import { createScheduledScansRepo } from '../vendors/probely/scheduled-scans.repo'
import { createTargetsRepo } from '../vendors/probely/targets.repo'
import type { Db } from './db'
import { GroupCommit } from './group-commit'
import { type Fixture, normalizeFixture } from './fixtures'

/**
 * Everything stored, per tenant. A tenant seen for the first time gets its own copy of the configured
 * fixture, in one transaction, before its first request is answered.
 */
export function createStore (db: Db, seed: Fixture) {
  const neostra = createNeostraRepo(db)
  const neostraRepos = { scans: neostra, users: createUsersRepo(db), tasks: createTasksRepo(db) } // issue 18
  /** issue 18: told after a tenant's data is (re)loaded, so workflows arm its events again */
  const loadedListeners: ((tenant: string) => void)[] = []
  const targets = createTargetsRepo(db)
  const scheduledScans = createScheduledScansRepo(db)
  const q = {
    exists: db.prepare<[string], number>('SELECT 1 FROM tenants WHERE name = ?').pluck(),
    insert: db.prepare<[string, string]>('INSERT OR IGNORE INTO tenants (name, created_at) VALUES (?, ?)'),
    list: db.prepare<[], string>('SELECT name FROM tenants ORDER BY name').pluck(),
    remove: db.prepare<[string]>('DELETE FROM tenants WHERE name = ?')
  }
  /** Tenants known to have their data: saves a query per request. */
  const provisioned = new Set<string>()
  /** After a rollback what is kept in memory may show undone writes: SQLite alone is to be read. */
  const forgetKept = () => { provisioned.clear(); targets.forgetAll(); scheduledScans.forgetAll() }
  const batch = new GroupCommit(db, forgetKept)

  /** A db.transaction whose rollback also drops what the repos keep in memory. */
  const transaction = <A extends unknown[]>(fn: (...args: A) => void) => {
    const run = db.transaction(fn)
    return (...args: A): void => {
      try {
        run(...args)
      } catch (err) {
        forgetKept()
        throw err
      }
    }
  }

  const load = transaction((tenant: string, fixture: Fixture) => {
    q.insert.run(tenant, new Date().toISOString())
    loadNeostraFixture(neostraRepos, tenant, fixture.neostra)
    loadProbelyFixture(targets, scheduledScans, tenant, fixture.probely)
  })

  const clear = transaction((tenant: string) => {
    neostraRepos.tasks.clear(tenant) // issue 18
    neostraRepos.users.clear(tenant) // issue 18
    neostra.clear(tenant)
    scheduledScans.clear(tenant)
    targets.clear(tenant)
    q.remove.run(tenant)
  })

  return {
    db: db as Db,
    /** Every write goes through here: resolves once it is committed (see GroupCommit). */
    write: <T>(fn: () => T): Promise<T> => batch.write(fn),
    /** Commits what is pending; before the database closes. */
    flush: () => batch.flush(),
    neostra,
    neostraUsers: neostraRepos.users, // issue 18
    neostraTasks: neostraRepos.tasks, // issue 18
    /** issue 18: `fn(tenant)` after a tenant's data is loaded (first use, fixture load, reset) */
    onTenantLoaded: (fn: (tenant: string) => void) => { loadedListeners.push(fn) },
    targets,
    scheduledScans,

    ensureTenant (tenant: string): void {
      if (provisioned.has(tenant)) return
      if (q.exists.get(tenant) === undefined) { load(tenant, seed); for (const fn of loadedListeners) fn(tenant) }
      provisioned.add(tenant)
    },

    /** Replaces a tenant's data with `raw` (checked whole first; throws FixtureError). */
    loadFixture (tenant: string, raw: unknown): void {
      const fixture = normalizeFixture(raw)
      load(tenant, fixture)
      provisioned.add(tenant)
      for (const fn of loadedListeners) fn(tenant) // issue 18
    },

    exportFixture (tenant: string): Fixture {
      this.ensureTenant(tenant)
      return {
        neostra: exportNeostraFixture(neostraRepos, tenant),
        probely: exportProbelyFixture(targets, scheduledScans, tenant)
      }
    },

    /** Back to the configured fixture: one tenant, or every tenant (`undefined`). */
    reset (tenant?: string): void {
      const names = tenant === undefined ? q.list.all() : [tenant]
      transaction(() => {
        for (const name of names) { clear(name); provisioned.delete(name) }
        if (tenant === undefined) load('default', seed)
        else load(tenant, seed)
      })()
      provisioned.add(tenant ?? 'default')
      for (const fn of loadedListeners) fn(tenant ?? 'default') // issue 18
    },

    tenants: () => q.list.all()
  }
}
export type Store = ReturnType<typeof createStore>
