import type { Db } from '../../store/db'

/**
 * For the near-miss report: which tenants hold the target, scheduled scan or scan a refused path
 * names (a 404 whose id is another tenant's data). `:id` names a scheduled scan or a scan by route.
 * Prepared once; an admin call, off every vendor request's path.
 */
export function probelyTenantsHolding (db: Db) {
  const holders = (table: string) => db.prepare<[string], string>(`SELECT DISTINCT tenant FROM ${table} WHERE id = ? LIMIT 10`).pluck()
  const targets = holders('probely_targets')
  const scheduled = holders('probely_scheduled_scans')
  const scans = holders('probely_scans')
  return (route: string, param: string, id: string): string[] | undefined => {
    if (param === 'target_id') return targets.all(id)
    if (param !== 'id') return undefined
    if (route.includes('/scheduledscans/')) return scheduled.all(id)
    if (route.includes('/scans/')) return scans.all(id)
    return route.startsWith('/targets/') ? targets.all(id) : undefined
  }
}
