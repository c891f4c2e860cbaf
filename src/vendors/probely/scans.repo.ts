import type { Db } from '../../store/db'
import { KEPT_RECORDS_DEFAULT, KeptRecords } from '../../store/kept-records'
import type { User } from './schemas'
import type { ScanOptions, ScanStatus } from './scans.schemas'

/** A scan as stored: times in the stored form (microseconds, Z), the next lifecycle step on the clock. */
export interface StoredScan {
  id: string
  target: string
  status: ScanStatus
  scan_profile: string
  created: string
  started: string | null
  completed: string | null
  changed: string
  changed_by: User
  /** clock ms of the next lifecycle step; null once final */
  due_at: number | null
  /** running time still to go */
  run_left_ms: number
  /** the final status chosen for it (finishScan); null: the settings decide when it ends */
  outcome: string | null
  lows: number
  mediums: number
  highs: number
  options: ScanOptions
}

interface Row {
  id: string, target_id: string, status: string, scan_profile: string, created: string, started: string | null,
  completed: string | null, changed: string, changed_by: string, due_at: number | null, run_left_ms: number,
  outcome: string | null, lows: number, mediums: number, highs: number, options: string
}

const toScan = (r: Row): StoredScan => ({
  id: r.id,
  target: r.target_id,
  status: r.status as ScanStatus,
  scan_profile: r.scan_profile,
  created: r.created,
  started: r.started,
  completed: r.completed,
  changed: r.changed,
  changed_by: JSON.parse(r.changed_by) as User,
  due_at: r.due_at,
  run_left_ms: r.run_left_ms,
  outcome: r.outcome,
  lows: r.lows,
  mediums: r.mediums,
  highs: r.highs,
  options: JSON.parse(r.options) as ScanOptions
})

const toParams = (tenant: string, s: StoredScan) => ({
  tenant,
  id: s.id,
  target_id: s.target,
  status: s.status,
  scan_profile: s.scan_profile,
  created: s.created,
  started: s.started,
  completed: s.completed,
  changed: s.changed,
  changed_by: JSON.stringify(s.changed_by),
  due_at: s.due_at,
  run_left_ms: s.run_left_ms,
  outcome: s.outcome,
  lows: s.lows,
  mediums: s.mediums,
  highs: s.highs,
  options: JSON.stringify(s.options)
})

const COLUMNS = 'id, target_id, status, scan_profile, created, started, completed, changed, changed_by, due_at, run_left_ms, outcome, lows, mediums, highs, options'
/** Statuses of a scan that is still going: one per target at a time. */
const RUNNING = "status NOT IN ('completed', 'completed_with_errors', 'failed', 'canceled')"

/**
 * Probely scans, one tenant at a time; every statement prepared once. A scan read by id is kept parsed
 * (bounded) until it is written again: a scan's lifecycle steps each read it by id, and that query was a
 * tenth of the CPU of a day's advance over 1,000 hourly schedules (24,000 scans, --cpu-prof). Writes go
 * through this repo; a target's delete (whose scans go by cascade) and a rollback call `forgetAll()`.
 */
export function createScansRepo (db: Db, keptLimit = KEPT_RECORDS_DEFAULT) {
  const q = {
    all: db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM probely_scans WHERE tenant = ? ORDER BY rowid`),
    ofTarget: db.prepare<[string, string], Row>(`SELECT ${COLUMNS} FROM probely_scans WHERE tenant = ? AND target_id = ? ORDER BY rowid`),
    get: db.prepare<[string, string], Row>(`SELECT ${COLUMNS} FROM probely_scans WHERE tenant = ? AND id = ?`),
    running: db.prepare<[string, string], Row>(`SELECT ${COLUMNS} FROM probely_scans WHERE tenant = ? AND target_id = ? AND ${RUNNING} ORDER BY rowid DESC LIMIT 1`),
    last: db.prepare<[string, string], Row>(`SELECT ${COLUMNS} FROM probely_scans WHERE tenant = ? AND target_id = ? ORDER BY rowid DESC LIMIT 1`),
    pending: db.prepare<[], { tenant: string, id: string, due_at: number }>('SELECT tenant, id, due_at FROM probely_scans WHERE due_at IS NOT NULL ORDER BY due_at'),
    pendingOfTenant: db.prepare<[string], { id: string, due_at: number }>('SELECT id, due_at FROM probely_scans WHERE tenant = ? AND due_at IS NOT NULL ORDER BY due_at'),
    untimed: db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM probely_scans WHERE tenant = ? AND due_at IS NULL AND ${RUNNING}`),
    insert: db.prepare(`INSERT INTO probely_scans (tenant, ${COLUMNS}) VALUES (@tenant, @id, @target_id, @status, @scan_profile,
      @created, @started, @completed, @changed, @changed_by, @due_at, @run_left_ms, @outcome, @lows, @mediums, @highs, @options)`),
    update: db.prepare(`UPDATE probely_scans SET status = @status, started = @started, completed = @completed, changed = @changed,
      due_at = @due_at, run_left_ms = @run_left_ms, outcome = @outcome, lows = @lows, mediums = @mediums, highs = @highs
      WHERE tenant = @tenant AND id = @id`),
    clear: db.prepare<[string]>('DELETE FROM probely_scans WHERE tenant = ?')
  }
  const kept = new KeptRecords<StoredScan>(keptLimit)
  return {
    all: (tenant: string) => q.all.all(tenant).map(toScan),
    ofTarget: (tenant: string, targetId: string) => q.ofTarget.all(tenant, targetId).map(toScan),
    get: (tenant: string, id: string): StoredScan | undefined =>
      kept.getOrRead(tenant, id, () => { const r = q.get.get(tenant, id); return r && toScan(r) }),
    /** The target's scan still going (queued, started, paused, ...), if any. */
    running: (tenant: string, targetId: string) => { const r = q.running.get(tenant, targetId); return r && toScan(r) },
    last: (tenant: string, targetId: string) => { const r = q.last.get(tenant, targetId); return r && toScan(r) },
    /** Every scan with a lifecycle step to come, all tenants (at start) or one (after a fixture load). */
    pending: () => q.pending.all(),
    pendingOfTenant: (tenant: string) => q.pendingOfTenant.all(tenant),
    /** Scans still going that have no next step yet (just loaded from a fixture). */
    untimed: (tenant: string) => q.untimed.all(tenant).map(toScan),
    insert: (tenant: string, s: StoredScan) => { q.insert.run(toParams(tenant, s)); kept.keep(tenant, s.id, s) },
    // only the columns the UPDATE sets: toParams' two JSON.stringify calls were a tenth of a clock step's CPU
    update: (tenant: string, s: StoredScan) => {
      q.update.run({ tenant, id: s.id, status: s.status, started: s.started, completed: s.completed, changed: s.changed, due_at: s.due_at, run_left_ms: s.run_left_ms, outcome: s.outcome, lows: s.lows, mediums: s.mediums, highs: s.highs })
      kept.keep(tenant, s.id, s)
    },
    clear: (tenant: string) => { q.clear.run(tenant); kept.forgetTenant(tenant) },
    /** Drops every kept scan: after a rollback or a target's delete, SQLite alone knows what is stored. */
    forgetAll: () => { kept.clear() }
  }
}
export type ScansRepo = ReturnType<typeof createScansRepo>
