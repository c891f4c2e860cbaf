import type { Db } from '../../store/db'
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
}

const toScan = (r: ScanRow): Scan => ({
  id: r.id,
  name: r.name,
  description: r.description,
  integrationId: r.integration_id,
  schedule: r.schedule,
  config: JSON.parse(r.config),
  createdAt: r.created_at,
  updatedAt: r.updated_at
})

export type ScanChanges = Partial<Pick<Scan, 'name' | 'description' | 'integrationId' | 'schedule' | 'config'>>

/** Neostra's scans and integrations, one tenant at a time; every statement prepared once. */
export function createNeostraRepo (db: Db) {
  const q = {
    listScans: db.prepare<[string], ScanRow>('SELECT * FROM neostra_scans WHERE tenant = ? ORDER BY rowid'),
    getScan: db.prepare<[string, string], ScanRow>('SELECT * FROM neostra_scans WHERE tenant = ? AND id = ?'),
    insertScan: db.prepare(`INSERT INTO neostra_scans
      (tenant, id, name, description, integration_id, schedule, config, created_at, updated_at)
      VALUES (@tenant, @id, @name, @description, @integrationId, @schedule, @config, @createdAt, @updatedAt)`),
    updateScan: db.prepare(`UPDATE neostra_scans SET name = @name, description = @description,
      integration_id = @integrationId, schedule = @schedule, config = @config, updated_at = @updatedAt
      WHERE tenant = @tenant AND id = @id`),
    deleteScan: db.prepare<[string, string]>('DELETE FROM neostra_scans WHERE tenant = ? AND id = ?'),
    listIntegrations: db.prepare<[string], Integration>('SELECT id, name, type FROM neostra_integrations WHERE tenant = ? ORDER BY rowid'),
    integrationExists: db.prepare<[string, string], number>('SELECT 1 FROM neostra_integrations WHERE tenant = ? AND id = ?').pluck(),
    insertIntegration: db.prepare('INSERT INTO neostra_integrations (tenant, id, name, type) VALUES (@tenant, @id, @name, @type)'),
    clearScans: db.prepare<[string]>('DELETE FROM neostra_scans WHERE tenant = ?'),
    clearIntegrations: db.prepare<[string]>('DELETE FROM neostra_integrations WHERE tenant = ?')
  }

  const insertScan = (tenant: string, scan: Scan) =>
    q.insertScan.run({ tenant, ...scan, config: JSON.stringify(scan.config) })

  /** Applies `changes` in one transaction; `updatedAt` moves only when a value really changed. */
  const patchScan: (tenant: string, id: string, changes: ScanChanges, now: string) => Scan | undefined = db.transaction((tenant: string, id: string, changes: ScanChanges, now: string): Scan | undefined => {
    const row = q.getScan.get(tenant, id)
    if (!row) return undefined
    const before = toScan(row)
    const after: Scan = { ...before, ...changes }
    const changed = (Object.keys(changes) as (keyof ScanChanges)[])
      .some(k => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    if (!changed) return before
    after.updatedAt = now
    q.updateScan.run({ tenant, ...after, config: JSON.stringify(after.config) })
    return after
  })

  return {
    listScans: (tenant: string) => q.listScans.all(tenant).map(toScan),
    getScan: (tenant: string, id: string) => { const r = q.getScan.get(tenant, id); return r && toScan(r) },
    insertScan,
    patchScan,
    deleteScan: (tenant: string, id: string) => q.deleteScan.run(tenant, id).changes > 0,
    listIntegrations: (tenant: string) => q.listIntegrations.all(tenant),
    integrationExists: (tenant: string, id: string) => q.integrationExists.get(tenant, id) !== undefined,
    insertIntegration: (tenant: string, integration: Integration) => q.insertIntegration.run({ tenant, ...integration }),
    clear: (tenant: string) => { q.clearScans.run(tenant); q.clearIntegrations.run(tenant) }
  }
}
export type NeostraRepo = ReturnType<typeof createNeostraRepo>
