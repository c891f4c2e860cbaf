import type { Db } from '../../store/db'
import type { Statement } from 'better-sqlite3'
import type { ListRequest, SortField, SortOrder } from './list-query'
import { KEPT_RECORDS_DEFAULT, KeptRecords } from '../../store/kept-records'
import type { Integration, Scan } from './schemas'

interface ScanRow {
  id: string
  name: string
  description: string
  integration_id: string
  schedule: string | null
  config: string
  created_at: string
  updated_at: string
  integration_ids: string | null
  scan_type: string
  runs: number
  last_run_at: string | null
}

const toScan = (r: ScanRow): Scan => ({
  id: r.id,
  name: r.name,
  description: r.description,
  integrationId: r.integration_id,
  integrationIds: r.integration_ids === null ? [r.integration_id] : JSON.parse(r.integration_ids),
  scanType: r.scan_type as Scan['scanType'],
  schedule: r.schedule,
  config: JSON.parse(r.config),
  createdAt: r.created_at,
  updatedAt: r.updated_at
})

export interface ScheduledScan { tenant: string, id: string, schedule: string }
export interface IntegrationRow { id: string, name: string, type: string, assets: string }
const toIntegration = (r: IntegrationRow): Integration => ({ id: r.id, name: r.name, type: r.type as Integration['type'], assets: JSON.parse(r.assets) })

export type ScanChanges = Partial<Pick<Scan, 'name' | 'description' | 'integrationId' | 'schedule' | 'config'>>

const SORT_COLUMNS: Record<SortField, string> = { createdAt: 'created_at', updatedAt: 'updated_at', name: 'name', id: 'id' }

/** Neostra's scans and integrations, one tenant at a time; every statement prepared once. */
/** `kept`: rows kept in memory (the first kept forgotten first past this many) */
export function createNeostraRepo (db: Db, keptLimit = KEPT_RECORDS_DEFAULT) {
  const q = {
    listScans: db.prepare<[string], ScanRow>('SELECT * FROM neostra_scans WHERE tenant = ? ORDER BY rowid'),
    getScan: db.prepare<[string, string], ScanRow>('SELECT * FROM neostra_scans WHERE tenant = ? AND id = ?'),
    insertScan: db.prepare(`INSERT INTO neostra_scans
      (tenant, id, name, description, integration_id, integration_ids, scan_type, schedule, config, created_at, updated_at)
      VALUES (@tenant, @id, @name, @description, @integrationId, @integrationIds, @scanType, @schedule, @config, @createdAt, @updatedAt)`),
    // every column a PATCH may change, written by value: the row as it is after the PATCH is made in
    // JavaScript from the kept one (the former UPDATE ... RETURNING * cost 22 µs against 4 µs for this,
    // better-sqlite3 micro-bench, 20,000 updates in batches of 50)
    patchScan: db.prepare(`UPDATE neostra_scans SET name = @name, description = @description, integration_id = @integration_id,
      integration_ids = @integration_ids, schedule = @schedule, config = @config, updated_at = @updated_at
      WHERE tenant = @tenant AND id = @id`),
    deleteScan: db.prepare<[string, string]>('DELETE FROM neostra_scans WHERE tenant = ? AND id = ?'),
    // workflows (issue 18): launches counted on the scan, and the scheduled scans to arm at start
    markLaunched: db.prepare<[string, string, string], number>(`UPDATE neostra_scans SET runs = runs + 1, last_run_at = ?
      WHERE tenant = ? AND id = ? RETURNING runs`).pluck(),
    setLaunches: db.prepare<[number, string | null, string, string]>('UPDATE neostra_scans SET runs = ?, last_run_at = ? WHERE tenant = ? AND id = ?'),
    scheduled: db.prepare<[], ScheduledScan>('SELECT tenant, id, schedule FROM neostra_scans WHERE schedule IS NOT NULL'),
    scheduledOf: db.prepare<[string], ScheduledScan>('SELECT tenant, id, schedule FROM neostra_scans WHERE tenant = ? AND schedule IS NOT NULL'),
    listIntegrations: db.prepare<[string], IntegrationRow>('SELECT id, name, type, assets FROM neostra_integrations WHERE tenant = ? ORDER BY rowid'),
    getIntegration: db.prepare<[string, string], IntegrationRow>('SELECT id, name, type, assets FROM neostra_integrations WHERE tenant = ? AND id = ?'),
    integrationExists: db.prepare<[string, string], number>('SELECT 1 FROM neostra_integrations WHERE tenant = ? AND id = ?').pluck(),
    insertIntegration: db.prepare('INSERT INTO neostra_integrations (tenant, id, name, type, assets) VALUES (@tenant, @id, @name, @type, @assets)'),
    clearScans: db.prepare<[string]>('DELETE FROM neostra_scans WHERE tenant = ?'),
    clearIntegrations: db.prepare<[string]>('DELETE FROM neostra_integrations WHERE tenant = ?')
  }

  const insertScan = (tenant: string, scan: Scan) =>
    q.insertScan.run({
      tenant, ...scan,
      // one integration is kept as integration_id alone, as before scans covered several
      integrationIds: scan.integrationIds.length === 1 && scan.integrationIds[0] === scan.integrationId ? null : JSON.stringify(scan.integrationIds),
      config: JSON.stringify(scan.config)
    })

  /**
   * Rows last read or written, kept (frozen) and written through: SQLite first, the kept row replaced
   * once its statement succeeded. A rollback must call `forgetAll()`, as the store does.
   */
  const kept = new KeptRecords<ScanRow>(keptLimit)
  const getRow = (tenant: string, id: string): ScanRow | undefined => kept.getOrRead(tenant, id, () => q.getScan.get(tenant, id))

  /** Applies `changes` in one statement; `updatedAt` moves only when a value really changed. */
  const patchScan = (tenant: string, id: string, changes: ScanChanges, now: string): Scan | undefined => {
    const row = getRow(tenant, id)
    if (row === undefined) return undefined
    const next: ScanRow = { ...row }
    if (changes.name !== undefined) next.name = changes.name
    if (changes.description !== undefined) next.description = changes.description
    if (changes.integrationId !== undefined) { next.integration_id = changes.integrationId; next.integration_ids = null } // PATCH names one
    if (changes.schedule !== undefined) next.schedule = changes.schedule
    if (changes.config !== undefined) next.config = JSON.stringify(changes.config)
    const changed = next.name !== row.name || next.description !== row.description || next.integration_id !== row.integration_id ||
      next.schedule !== row.schedule || next.config !== row.config
    if (changed) next.updated_at = now
    q.patchScan.run({ tenant, ...next })
    kept.keep(tenant, id, next)
    return toScan(next)
  }

  // one statement per sort (a column and a direction cannot be bound), prepared on first use and kept
  const pages = new Map<string, Statement<[string, number, number], ScanRow>>()
  const pageStatement = (field: SortField, order: SortOrder) => {
    const key = `${field} ${order}`
    let statement = pages.get(key)
    if (statement === undefined) {
      const direction = order === 'asc' ? 'ASC' : 'DESC'
      statement = db.prepare<[string, number, number], ScanRow>(`SELECT * FROM neostra_scans WHERE tenant = ?
        ORDER BY ${SORT_COLUMNS[field]} ${direction}, rowid ${direction} LIMIT ? OFFSET ?`)
      pages.set(key, statement)
    }
    return statement
  }

  return {
    listScans: (tenant: string) => q.listScans.all(tenant).map(toScan),
    /** One page of the list, sorted (equal values in the order the scans were stored, reversed for desc). */
    pageScans: (tenant: string, { skip, limit, sortField, sortOrder }: ListRequest) =>
      pageStatement(sortField, sortOrder).all(tenant, limit, skip).map(toScan),
    getScan: (tenant: string, id: string) => { const r = getRow(tenant, id); return r && toScan(r) },
    insertScan,
    patchScan,
    deleteScan: (tenant: string, id: string) => { kept.delete(tenant, id); return q.deleteScan.run(tenant, id).changes > 0 },
    /** Counts a launch of the scan at `time`; returns its number (1 for the first). */
    markLaunched: (tenant: string, id: string, time: string) => { kept.delete(tenant, id); return q.markLaunched.get(time, tenant, id) as number },
    launches: (tenant: string, id: string) => {
      const row = getRow(tenant, id)
      return row === undefined ? { runs: 0, lastRunAt: null } : { runs: row.runs, lastRunAt: row.last_run_at }
    },
    setLaunches: (tenant: string, id: string, runs: number, lastRunAt: string | null) => { kept.delete(tenant, id); q.setLaunches.run(runs, lastRunAt, tenant, id) },
    scheduled: (tenant?: string) => tenant === undefined ? q.scheduled.all() : q.scheduledOf.all(tenant),
    listIntegrations: (tenant: string) => q.listIntegrations.all(tenant).map(toIntegration),
    getIntegration: (tenant: string, id: string) => { const r = q.getIntegration.get(tenant, id); return r && toIntegration(r) },
    integrationExists: (tenant: string, id: string) => q.integrationExists.get(tenant, id) !== undefined,
    insertIntegration: (tenant: string, integration: Integration) =>
      q.insertIntegration.run({ tenant, ...integration, assets: JSON.stringify(integration.assets) }),
    clear: (tenant: string) => { q.clearScans.run(tenant); q.clearIntegrations.run(tenant); kept.forgetTenant(tenant) },
    /** Drops every kept row: after a rollback, SQLite alone knows what is stored. */
    forgetAll: () => { kept.clear() }
  }
}
export type NeostraRepo = ReturnType<typeof createNeostraRepo>
