import type { Db } from '../../store/db'
import type { Statement } from 'better-sqlite3'
import type { ListRequest, SortField, SortOrder } from './list-query'
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

interface PatchParams {
  tenant: string, id: string, now: string
  setName: number, name: string | null
  setDescription: number, description: string | null
  setIntegrationId: number, integrationId: string | null
  setSchedule: number, schedule: string | null
  setConfig: number, config: string | null
}
const flag = (value: unknown) => value === undefined ? 0 : 1

export type ScanChanges = Partial<Pick<Scan, 'name' | 'description' | 'integrationId' | 'schedule' | 'config'>>

const SORT_COLUMNS: Record<SortField, string> = { createdAt: 'created_at', updatedAt: 'updated_at', name: 'name', id: 'id' }

/** Neostra's scans and integrations, one tenant at a time; every statement prepared once. */
export function createNeostraRepo (db: Db) {
  const q = {
    listScans: db.prepare<[string], ScanRow>('SELECT * FROM neostra_scans WHERE tenant = ? ORDER BY rowid'),
    getScan: db.prepare<[string, string], ScanRow>('SELECT * FROM neostra_scans WHERE tenant = ? AND id = ?'),
    insertScan: db.prepare(`INSERT INTO neostra_scans
      (tenant, id, name, description, integration_id, integration_ids, scan_type, schedule, config, created_at, updated_at)
      VALUES (@tenant, @id, @name, @description, @integrationId, @integrationIds, @scanType, @schedule, @config, @createdAt, @updatedAt)`),
    // One statement: each field sent replaces the stored one, and updated_at moves only when a value
    // really changes (SET expressions see the row as it was before the update).
    patchScan: db.prepare<PatchParams, ScanRow>(`UPDATE neostra_scans SET
        name = CASE WHEN @setName THEN @name ELSE name END,
        description = CASE WHEN @setDescription THEN @description ELSE description END,
        integration_id = CASE WHEN @setIntegrationId THEN @integrationId ELSE integration_id END,
        integration_ids = CASE WHEN @setIntegrationId THEN NULL ELSE integration_ids END, -- PATCH names one
        schedule = CASE WHEN @setSchedule THEN @schedule ELSE schedule END,
        config = CASE WHEN @setConfig THEN @config ELSE config END,
        updated_at = CASE WHEN
            (@setName AND name IS NOT @name) OR (@setDescription AND description IS NOT @description) OR
            (@setIntegrationId AND integration_id IS NOT @integrationId) OR (@setSchedule AND schedule IS NOT @schedule) OR
            (@setConfig AND config IS NOT @config)
          THEN @now ELSE updated_at END
      WHERE tenant = @tenant AND id = @id
      RETURNING *`),
    deleteScan: db.prepare<[string, string]>('DELETE FROM neostra_scans WHERE tenant = ? AND id = ?'),
    // workflows (issue 18): launches counted on the scan, and the scheduled scans to arm at start
    markLaunched: db.prepare<[string, string, string], number>(`UPDATE neostra_scans SET runs = runs + 1, last_run_at = ?
      WHERE tenant = ? AND id = ? RETURNING runs`).pluck(),
    launches: db.prepare<[string, string], { runs: number, lastRunAt: string | null }>(
      'SELECT runs, last_run_at AS lastRunAt FROM neostra_scans WHERE tenant = ? AND id = ?'),
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

  /** Applies `changes` in one statement; `updatedAt` moves only when a value really changed. */
  const patchScan = (tenant: string, id: string, changes: ScanChanges, now: string): Scan | undefined => {
    const row = q.patchScan.get({
      tenant, id, now,
      setName: flag(changes.name), name: changes.name ?? null,
      setDescription: flag(changes.description), description: changes.description ?? null,
      setIntegrationId: flag(changes.integrationId), integrationId: changes.integrationId ?? null,
      setSchedule: flag(changes.schedule), schedule: changes.schedule ?? null,
      setConfig: flag(changes.config), config: changes.config === undefined ? null : JSON.stringify(changes.config)
    })
    return row && toScan(row)
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
    getScan: (tenant: string, id: string) => { const r = q.getScan.get(tenant, id); return r && toScan(r) },
    insertScan,
    patchScan,
    deleteScan: (tenant: string, id: string) => q.deleteScan.run(tenant, id).changes > 0,
    /** Counts a launch of the scan at `time`; returns its number (1 for the first). */
    markLaunched: (tenant: string, id: string, time: string) => q.markLaunched.get(time, tenant, id) as number,
    launches: (tenant: string, id: string) => q.launches.get(tenant, id) ?? { runs: 0, lastRunAt: null },
    setLaunches: (tenant: string, id: string, runs: number, lastRunAt: string | null) => { q.setLaunches.run(runs, lastRunAt, tenant, id) },
    scheduled: (tenant?: string) => tenant === undefined ? q.scheduled.all() : q.scheduledOf.all(tenant),
    listIntegrations: (tenant: string) => q.listIntegrations.all(tenant).map(toIntegration),
    getIntegration: (tenant: string, id: string) => { const r = q.getIntegration.get(tenant, id); return r && toIntegration(r) },
    integrationExists: (tenant: string, id: string) => q.integrationExists.get(tenant, id) !== undefined,
    insertIntegration: (tenant: string, integration: Integration) =>
      q.insertIntegration.run({ tenant, ...integration, assets: JSON.stringify(integration.assets) }),
    clear: (tenant: string) => { q.clearScans.run(tenant); q.clearIntegrations.run(tenant) }
  }
}
export type NeostraRepo = ReturnType<typeof createNeostraRepo>
