import type { TSchema } from '@sinclair/typebox'
import type { Db } from '../store/db'
import type { FixtureProblems } from '../store/fixture-errors'
import { type Fixture, normalizeFixture } from '../store/fixtures'
import type { RepoOptions, RepoOwner, Store } from '../store/store'
import type { Clocks } from './clock'
import { DEFAULT_TENANT } from './tenant-name'

/** An owner's part of the one fixture format: `{"<owner name>": <part>}`. */
export interface FixturePart<Repos, Part> {
  /** the part's JSON schema, as the export answers it (and the OpenAPI document shows it) */
  schema: TSchema
  /** fills defaults and checks every rule; problems go to `problems` (the whole fixture is then refused) */
  normalize: (raw: unknown, now: string, problems: FixtureProblems) => Part
  /** replaces the tenant's records with the part's (inside the store's transaction) */
  load: (repos: Repos, tenant: string, part: Part) => void
  export: (repos: Repos, tenant: string) => Part
  /** removes every record of the tenant */
  clear: (repos: Repos, tenant: string) => void
  /** how many records of each kind the part holds, for the admin API's answer */
  counts: (part: Part) => Record<string, number>
}

/** An owner's hooks into the clock: its pending events live in its own tables. */
export interface Workflows<Repos> {
  /** at start: schedule every tenant's pending events again (those already due run late) */
  resume: (repos: Repos, clocks: Clocks) => void
  /** after a tenant's data was loaded (first use, fixture load, reset): schedule its events */
  tenantLoaded: (repos: Repos, clocks: Clocks, tenant: string) => void
}

/** Whoever keeps tenant data: its repos, its fixture part, its events (a VendorModule is one). */
export interface DataOwner<Repos extends object = object, Part = unknown> extends RepoOwner {
  name: string
  createRepos: (db: Db, options: RepoOptions) => Repos
  /** after a rollback: forget what the repos keep in memory (SQLite alone knows what is stored) */
  forgetKept?: (repos: Repos) => void
  fixture: FixturePart<Repos, Part>
  workflows?: Workflows<Repos>
}

type AnyOwner = DataOwner<any, any>

/**
 * Tenants: each sees only its own data. A tenant seen for the first time gets its own copy of the
 * configured fixture, in one transaction, before its first request is answered; a reset or a fixture
 * load replaces a tenant's data whole, each vendor's part by that vendor's own module.
 */
export function createTenants (db: Db, store: Store, modules: readonly AnyOwner[], seed: Fixture, clocks: Clocks,
  formats: Record<string, (value: string) => boolean>) {
  const q = {
    exists: db.prepare<[string], number>('SELECT 1 FROM tenants WHERE name = ?').pluck(),
    insert: db.prepare<[string, string]>('INSERT OR IGNORE INTO tenants (name, created_at) VALUES (?, ?)'),
    list: db.prepare<[], string>('SELECT name FROM tenants ORDER BY name').pluck(),
    remove: db.prepare<[string]>('DELETE FROM tenants WHERE name = ?')
  }
  const reposOf = (m: AnyOwner) => store.reposOf(m)
  /** Tenants known to have their data: saves a query per request. */
  const provisioned = new Set<string>()
  store.onRollback(() => provisioned.clear())

  const clear = (tenant: string) => {
    for (const m of [...modules].reverse()) m.fixture.clear(reposOf(m), tenant)
    q.remove.run(tenant)
  }
  const fill = (tenant: string, fixture: Fixture) => {
    q.insert.run(tenant, new Date().toISOString())
    for (const m of modules) m.fixture.load(reposOf(m), tenant, fixture[m.name])
  }
  const load = store.transaction((tenant: string, fixture: Fixture) => fill(tenant, fixture))

  /** Each vendor schedules what the tenant's new data has pending, once it is stored. */
  const loaded = (tenant: string) => {
    provisioned.add(tenant)
    for (const m of modules) m.workflows?.tenantLoaded(reposOf(m), clocks, tenant)
  }

  return {
    ensure (tenant: string): void {
      if (provisioned.has(tenant)) return
      if (q.exists.get(tenant) === undefined) {
        load(tenant, seed)
        loaded(tenant)
      } else provisioned.add(tenant)
    },

    /** Replaces a tenant's data with `raw` (checked whole first; throws FixtureError). */
    loadFixture (tenant: string, raw: unknown): void {
      const fixture = normalizeFixture(modules, raw, clocks.iso(tenant), { formats })
      clocks.cancelTenant(tenant)
      load(tenant, fixture)
      loaded(tenant)
    },

    exportFixture (tenant: string): Fixture {
      this.ensure(tenant)
      return Object.fromEntries(modules.map(m => [m.name, m.fixture.export(reposOf(m), tenant)]))
    },

    /** How many records of each kind each vendor's part holds. */
    counts (fixture: Fixture): Record<string, Record<string, number>> {
      return Object.fromEntries(modules.map(m => [m.name, m.fixture.counts(fixture[m.name])]))
    },

    /** Back to the configured fixture: one tenant, or every tenant (`undefined`); their clocks run real time again. */
    reset (tenant?: string): void {
      const names = tenant === undefined ? q.list.all() : [tenant]
      clocks.forget(tenant)
      store.transaction(() => {
        for (const name of names) { clear(name); provisioned.delete(name) }
        fill(tenant ?? DEFAULT_TENANT, seed)
      })()
      loaded(tenant ?? DEFAULT_TENANT)
    },

    list: () => q.list.all()
  }
}
export type Tenants = ReturnType<typeof createTenants>
