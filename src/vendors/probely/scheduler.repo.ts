import type { Db } from '../../store/db'

/** Where a scheduled scan stands (see migrations: anchor, seen, next_at), all times in the stored form. */
export interface ScheduleState { anchor: string, seen: string, next_at: string | null }

export function createScheduleStateRepo (db: Db) {
  const q = {
    get: db.prepare<[string, string], ScheduleState>('SELECT anchor, seen, next_at FROM probely_schedule_state WHERE tenant = ? AND schedule_id = ?'),
    put: db.prepare(`INSERT INTO probely_schedule_state (tenant, schedule_id, anchor, seen, next_at) VALUES (@tenant, @id, @anchor, @seen, @next_at)
      ON CONFLICT (tenant, schedule_id) DO UPDATE SET anchor = excluded.anchor, seen = excluded.seen, next_at = excluded.next_at`),
    // every schedule with an occurrence to come, or never seen by the scheduler
    startup: db.prepare<[], { tenant: string, target_id: string, id: string, next_at: string | null, fresh: number }>(`SELECT s.tenant, s.target_id, s.id,
      r.next_at, r.schedule_id IS NULL AS fresh FROM probely_scheduled_scans s
      LEFT JOIN probely_schedule_state r ON r.tenant = s.tenant AND r.schedule_id = s.id
      WHERE r.schedule_id IS NULL OR r.next_at IS NOT NULL`),
    // a tenant's schedules with what their state says, without reading the records themselves
    ofTenant: db.prepare<[string], { target_id: string, id: string, next_at: string | null, current: number }>(`SELECT s.target_id, s.id,
      r.next_at, coalesce(r.seen = s.date_time, 0) AS current FROM probely_scheduled_scans s
      LEFT JOIN probely_schedule_state r ON r.tenant = s.tenant AND r.schedule_id = s.id
      WHERE s.tenant = ? ORDER BY s.rowid`),
    clear: db.prepare<[string]>('DELETE FROM probely_schedule_state WHERE tenant = ?')
  }
  return {
    get: (tenant: string, id: string) => q.get.get(tenant, id),
    put: (tenant: string, id: string, state: ScheduleState) => { q.put.run({ tenant, id, ...state }) },
    /** Every schedule with an occurrence to come (or not yet armed), all tenants: re-armed at start. */
    startup: () => q.startup.all(),
    /** A tenant's schedules, each with its stored next occurrence and whether that was armed for its current date_time. */
    ofTenant: (tenant: string) => q.ofTenant.all(tenant),
    clear: (tenant: string) => { q.clear.run(tenant) }
  }
}
export type ScheduleStateRepo = ReturnType<typeof createScheduleStateRepo>
