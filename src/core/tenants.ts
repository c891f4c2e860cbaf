import type { TSchema } from '@sinclair/typebox'
import type { Db } from '../store/db'
import type { FixtureProblems } from '../store/fixture-errors'
import { type Fixture, normalizeFixture } from '../store/fixtures'
import type { RepoOptions, RepoOwner, Store } from '../store/store'
import type { Clocks } from './clock'
import { DEFAULT_TENANT, SEED_TENANT } from './tenant-name'

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

export { SEED_TENANT }
/** Tables of the core's own, not tenant data, though keyed by tenant. */
const CORE_TABLES = new Set(['clocks', 'tenants'])

export interface TenantLimits {
  /** tenants provisioned at most; past it the one idle longest is dropped, with its data */
  limit: number
  /** after a tenant was dropped: forget what is kept of it elsewhere (journal, fault rules) */
  onDrop?: (tenant: string) => void
  /** after a write that changed much of the file (a reset of all, a large load): give the space back */
  afterBigWrite?: () => void
}

/**
 * The tables of tenant data (each with a `tenant` column), in the order they were created (parents
 * first), and a statement each that copies one tenant's rows to another inside SQLite: a new tenant's
 * copy of a 100,000-record seed was 1.0-1.45 s of parsing and inserting row by row in JavaScript.
 */
function tenantTables (db: Db) {
  const tables = db.prepare<[], { name: string, sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY rowid").all()
  return tables.flatMap(({ name, sql }) => {
    const columns = (db.pragma(`table_info(${JSON.stringify(name)})`) as Array<{ name: string }>).map(c => c.name)
    if (!columns.includes('tenant') || CORE_TABLES.has(name)) return []
    const quoted = (c: string) => JSON.stringify(c)
    const others = columns.filter(c => c !== 'tenant').map(quoted).join(', ')
    const order = /WITHOUT\s+ROWID/i.test(sql) ? '' : ' ORDER BY rowid' // rows keep their order (lists read it)
    return [{
      name,
      copy: db.prepare<[string, string]>(`INSERT INTO ${quoted(name)} (tenant, ${others}) SELECT ?, ${others} FROM ${quoted(name)} WHERE tenant = ?${order}`),
      clearAllBut: db.prepare<[string]>(`DELETE FROM ${quoted(name)} WHERE tenant <> ?`)
    }]
  }).reverse() // children first, for the deletes; copies run in creation order (below)
}

/**
 * Tenants: each sees only its own data. A tenant seen for the first time gets its own copy of the
 * configured fixture, copied inside SQLite from the seed's stored copy, in one transaction, before its
 * first request is answered; a reset or a fixture load replaces a tenant's data whole, each vendor's
 * part by that vendor's own module. At most `limits.limit` tenants are kept: a new one past it drops
 * the tenant used longest ago, with its data (it starts from the seed again if it comes back).
 */
export function createTenants (db: Db, store: Store, modules: readonly AnyOwner[], seed: Fixture, clocks: Clocks,
  formats: Record<string, (value: string) => boolean>, limits: TenantLimits = { limit: Number.MAX_SAFE_INTEGER }) {
  const q = {
    exists: db.prepare<[string], number>('SELECT 1 FROM tenants WHERE name = ?').pluck(),
    insert: db.prepare<[string, string]>('INSERT OR IGNORE INTO tenants (name, created_at) VALUES (?, ?)'),
    list: db.prepare<[string], string>('SELECT name FROM tenants WHERE name <> ? ORDER BY name').pluck(),
    byAge: db.prepare<[string], string>('SELECT name FROM tenants WHERE name <> ? ORDER BY created_at, rowid').pluck(),
    remove: db.prepare<[string]>('DELETE FROM tenants WHERE name = ?'),
    removeAllBut: db.prepare<[string]>('DELETE FROM tenants WHERE name <> ?')
  }
  const tables = tenantTables(db)
  const copies = [...tables].reverse()
  const reposOf = (m: AnyOwner) => store.reposOf(m)

  /**
   * The tenants stored, least recently used first (a Map keeps insertion order; a use moves a tenant to
   * the end): saves a query per request, and names the tenant to drop past the limit. After a restart the
   * order starts as the order they were made in.
   */
  let known = new Map<string, true>()
  const reload = () => { known = new Map(q.byAge.all(SEED_TENANT).map(n => [n, true])) }
  store.onRollback(reload)

  const clear = (tenant: string) => {
    for (const m of [...modules].reverse()) m.fixture.clear(reposOf(m), tenant)
    q.remove.run(tenant)
  }
  const fill = (tenant: string, fixture: Fixture) => {
    q.insert.run(tenant, new Date().toISOString())
    for (const m of modules) m.fixture.load(reposOf(m), tenant, fixture[m.name])
  }
  const load = store.transaction((tenant: string, fixture: Fixture) => fill(tenant, fixture))
  const copySeed = store.transaction((tenant: string) => {
    q.insert.run(tenant, new Date().toISOString())
    for (const table of copies) table.copy.run(tenant, SEED_TENANT)
  })

  // the seed's stored copy is made again at every start: SEED_FILE may have changed since
  store.transaction(() => { clear(SEED_TENANT); fill(SEED_TENANT, seed) })()
  reload()

  /** Each vendor schedules what the tenant's new data has pending, once it is stored. */
  const loaded = (tenant: string) => {
    for (const m of modules) m.workflows?.tenantLoaded(reposOf(m), clocks, tenant)
  }

  const drop = (tenant: string) => {
    known.delete(tenant)
    clocks.forget(tenant)
    store.transaction(() => clear(tenant))()
    limits.onDrop?.(tenant)
    limits.afterBigWrite?.() // once per burst: the dropped pages go back to the file system
  }
  /** `tenant` was just used: it moves to the end; past the limit the tenants used longest ago go. */
  const used = (tenant: string) => {
    known.delete(tenant)
    known.set(tenant, true)
    while (known.size > limits.limit) {
      const oldest = known.keys().next().value as string
      if (oldest === tenant) break
      drop(oldest)
    }
  }

  return {
    ensure (tenant: string): void {
      if (known.has(tenant)) {
        known.delete(tenant)
        known.set(tenant, true)
        return
      }
      if (q.exists.get(tenant) === undefined) {
        copySeed(tenant)
        loaded(tenant)
      }
      used(tenant)
    },

    /** Replaces a tenant's data with `raw` (checked whole first; throws FixtureError). */
    loadFixture (tenant: string, raw: unknown): void {
      const fixture = normalizeFixture(modules, raw, clocks.iso(tenant), { formats })
      clocks.cancelTenant(tenant)
      load(tenant, fixture)
      loaded(tenant)
      used(tenant)
      limits.afterBigWrite?.()
    },

    exportFixture (tenant: string): Fixture {
      this.ensure(tenant)
      return Object.fromEntries(modules.map(m => [m.name, m.fixture.export(reposOf(m), tenant)]))
    },

    /** How many records of each kind each vendor's part holds. */
    counts (fixture: Fixture): Record<string, Record<string, number>> {
      return Object.fromEntries(modules.map(m => [m.name, m.fixture.counts(fixture[m.name])]))
    },

    /**
     * Back to the configured fixture: one tenant, or every tenant (`undefined`); their clocks run real
     * time again. Every tenant is one DELETE per table (10,000 tenants were 1.4-2.6 s of clearing them one
     * by one), then what the repos keep in memory is forgotten, since every tenant's records went.
     */
    reset (tenant?: string): void {
      clocks.forget(tenant)
      if (tenant === undefined) {
        store.transaction(() => {
          for (const table of tables) table.clearAllBut.run(SEED_TENANT)
          q.removeAllBut.run(SEED_TENANT)
          for (const m of modules) m.forgetKept?.(reposOf(m))
          copySeed(DEFAULT_TENANT)
        })()
        known.clear()
      } else {
        store.transaction(() => { clear(tenant); copySeed(tenant) })()
      }
      loaded(tenant ?? DEFAULT_TENANT)
      used(tenant ?? DEFAULT_TENANT)
      if (tenant === undefined) limits.afterBigWrite?.()
    },

    list: () => q.list.all(SEED_TENANT),
    /** how many tenants are stored (the seed's copy aside) */
    get size () { return known.size }
  }
}
export type Tenants = ReturnType<typeof createTenants>
