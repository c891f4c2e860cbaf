import type { Db } from '../../store/db'

/**
 * For the near-miss report: which tenants hold the scan or task a refused path names (a 404 whose
 * id is another tenant's data). Prepared once; an admin call, off every vendor request's path.
 */
export function neostraTenantsHolding (db: Db) {
  const tables: Record<string, ReturnType<typeof db.prepare<[string], string>>> = {
    scanId: db.prepare<[string], string>('SELECT DISTINCT tenant FROM neostra_scans WHERE id = ? LIMIT 10').pluck(),
    taskId: db.prepare<[string], string>('SELECT DISTINCT tenant FROM neostra_tasks WHERE id = ? LIMIT 10').pluck()
  }
  return (_route: string, param: string, id: string): string[] | undefined => tables[param]?.all(id)
}
