import { createNeostraRepo } from '../vendors/neostra/scans.repo'
import { exportNeostraFixture, loadNeostraFixture } from '../vendors/neostra/fixture'
import { exportProbelyFixture, loadProbelyFixture } from '../vendors/probely/fixture'
import { createScheduledScansRepo } from '../vendors/probely/scheduled-scans.repo'
import { createTargetsRepo } from '../vendors/probely/targets.repo'
import { clearWorkflow, createWorkflowRepos, exportWorkflowFixture, loadWorkflowFixture } from '../vendors/probely/workflow-fixture' // probely workflows
import type { Db } from './db'
import { GroupCommit } from './group-commit'
import { type Fixture, normalizeFixture } from './fixtures'

/**
 * Everything stored, per tenant. A tenant seen for the first time gets its own copy of the configured
 * fixture, in one transaction, before its first request is answered.
 */
export function createStore (db: Db, seed: Fixture, hooks: { loaded?: (tenant: string) => void } = {}) {
  const neostra = createNeostraRepo(db)
  const targets = createTargetsRepo(db)
  const scheduledScans = createScheduledScansRepo(db)
  const probelyWorkflow = createWorkflowRepos(db) // probely workflows: scans, findings, settings, schedule states
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
    loadNeostraFixture(neostra, tenant, fixture.neostra)
    clearWorkflow(probelyWorkflow, tenant) // probely workflows
    loadProbelyFixture(targets, scheduledScans, tenant, fixture.probely)
    loadWorkflowFixture(probelyWorkflow, tenant, fixture.probely) // probely workflows
    hooks.loaded?.(tenant) // the workflows register the tenant's pending events
  })

  const clear = transaction((tenant: string) => {
    neostra.clear(tenant)
    clearWorkflow(probelyWorkflow, tenant) // probely workflows
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
    targets,
    scheduledScans,
    probelyWorkflow, // probely workflows

    ensureTenant (tenant: string): void {
      if (provisioned.has(tenant)) return
      if (q.exists.get(tenant) === undefined) load(tenant, seed)
      provisioned.add(tenant)
    },

    /** Replaces a tenant's data with `raw` (checked whole first; throws FixtureError). */
    loadFixture (tenant: string, raw: unknown): void {
      const fixture = normalizeFixture(raw)
      load(tenant, fixture)
      provisioned.add(tenant)
    },

    exportFixture (tenant: string): Fixture {
      this.ensureTenant(tenant)
      return {
        neostra: exportNeostraFixture(neostra, tenant),
        probely: { ...exportProbelyFixture(targets, scheduledScans, tenant), ...exportWorkflowFixture(probelyWorkflow, tenant) } // probely workflows
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
    },

    tenants: () => q.list.all()
  }
}
export type Store = ReturnType<typeof createStore>
