import type { Statement } from 'better-sqlite3'
import type { Db } from '../../store/db'
import type { FieldErrors } from './drf'
import { renderDrfDateTime } from './datetime'
import type { BlackoutPeriod, ScheduledScan, StoredTarget, User } from './schemas'

/**
 * A row as SQLite returns it in raw mode, values in COLUMNS order: reading rows as arrays rather than
 * objects saves a few microseconds on every PATCH, which reads its row back.
 */
type Row = [
  id: string, target_id: string, date_time: string, recurrence: string, timezone: string, run_on_day_of_week: number,
  scheduled_day_of_week: number | null, week_index: string | null, partial_scan: number, override_target_settings: number,
  incremental: number, reduced_scope: number, scan_profile: string | null, unlimited: string, blackout_period: string,
  changed: string, changed_by: string
]

/** A scheduled scan as stored: the target by id, times in the fixed-width stored form. */
export interface StoredScheduledScan extends Omit<ScheduledScan, 'target'> { target: string }

/** The fields a PATCH may change, already parsed (date_time in stored form). */
export type ScheduledScanChanges = Partial<Pick<StoredScheduledScan, 'date_time' | 'recurrence' | 'timezone' |
'run_on_day_of_week' | 'scheduled_day_of_week' | 'week_index' | 'partial_scan' | 'override_target_settings' |
'incremental' | 'reduced_scope' | 'scan_profile'>>

const toStored = ([id, targetId, dateTime, recurrence, timezone, runOnDayOfWeek, scheduledDayOfWeek, weekIndex, partialScan,
  overrideTargetSettings, incremental, reducedScope, scanProfile, unlimited, blackoutPeriod, changed, changedBy]: Row): StoredScheduledScan => ({
  id,
  target: targetId,
  date_time: dateTime,
  recurrence,
  changed,
  changed_by: JSON.parse(changedBy) as User,
  blackout_period: JSON.parse(blackoutPeriod) as BlackoutPeriod,
  timezone,
  run_on_day_of_week: runOnDayOfWeek === 1,
  scheduled_day_of_week: scheduledDayOfWeek,
  week_index: weekIndex,
  partial_scan: partialScan === 1,
  override_target_settings: overrideTargetSettings === 1,
  incremental: incremental === 1,
  reduced_scope: reducedScope === 1,
  scan_profile: scanProfile,
  unlimited
} as StoredScheduledScan)

const toParams = (tenant: string, s: StoredScheduledScan) => ({
  tenant,
  id: s.id,
  target_id: s.target,
  date_time: s.date_time,
  recurrence: s.recurrence,
  timezone: s.timezone,
  run_on_day_of_week: s.run_on_day_of_week ? 1 : 0,
  scheduled_day_of_week: s.scheduled_day_of_week,
  week_index: s.week_index,
  partial_scan: s.partial_scan ? 1 : 0,
  override_target_settings: s.override_target_settings ? 1 : 0,
  incremental: s.incremental ? 1 : 0,
  reduced_scope: s.reduced_scope ? 1 : 0,
  scan_profile: s.scan_profile,
  unlimited: s.unlimited,
  blackout_period: JSON.stringify(s.blackout_period),
  changed: s.changed,
  changed_by: JSON.stringify(s.changed_by)
})

/** The API's view: the whole target nested, times as DRF prints them. */
export function renderScheduledScan (s: StoredScheduledScan, target: StoredTarget): ScheduledScan {
  return {
    ...s,
    target,
    date_time: renderDrfDateTime(s.date_time),
    changed: renderDrfDateTime(s.changed)
  }
}


const COLUMNS = `id, target_id, date_time, recurrence, timezone, run_on_day_of_week, scheduled_day_of_week, week_index,
  partial_scan, override_target_settings, incremental, reduced_scope, scan_profile, unlimited, blackout_period, changed, changed_by`

const PATCHABLE = ['date_time', 'recurrence', 'timezone', 'run_on_day_of_week', 'scheduled_day_of_week', 'week_index',
  'partial_scan', 'override_target_settings', 'incremental', 'reduced_scope', 'scan_profile'] as const

const RULE_FIELDS = new Set(['run_on_day_of_week', 'recurrence', 'scheduled_day_of_week', 'week_index'])

/**
 * The UPDATE for one set of fields sent: only those columns are written (assigning a column, even to
 * its own value, makes SQLite redo its indexes and foreign keys). When a field of the rule across
 * fields is sent, the rule guards the write, on the record as it would be after it (rules.ts words it).
 */
function patchSql (fields: readonly string[]): string {
  const after = (f: string) => fields.includes(f) ? `@${f}` : f
  const guard = fields.some(f => RULE_FIELDS.has(f))
    ? `AND NOT (${after('run_on_day_of_week')} = 1 AND (${after('recurrence')} NOT IN ('m', 'q')
      OR ${after('scheduled_day_of_week')} IS NULL OR coalesce(${after('week_index')}, '') = ''))`
    : ''
  return `UPDATE probely_scheduled_scans SET ${[...fields.map(f => `${f} = @${f}`), 'changed = @changed', 'changed_by = @changed_by'].join(', ')}
    WHERE tenant = @tenant AND target_id = @target_id AND id = @id ${guard}
    RETURNING ${COLUMNS}`
}

/** Probely scheduled scans, one tenant at a time; every statement prepared once. */
export function createScheduledScansRepo (db: Db) {
  const q = {
    count: db.prepare<[string], number>('SELECT count(*) FROM probely_scheduled_scans WHERE tenant = ?').pluck(),
    page: db.prepare<[string, number, number], Row>(`SELECT ${COLUMNS} FROM probely_scheduled_scans WHERE tenant = ? ORDER BY rowid LIMIT ? OFFSET ?`).raw(),
    countOfTarget: db.prepare<[string, string], number>('SELECT count(*) FROM probely_scheduled_scans WHERE tenant = ? AND target_id = ?').pluck(),
    pageOfTarget: db.prepare<[string, string, number, number], Row>(`SELECT ${COLUMNS} FROM probely_scheduled_scans
      WHERE tenant = ? AND target_id = ? ORDER BY rowid LIMIT ? OFFSET ?`).raw(),
    all: db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM probely_scheduled_scans WHERE tenant = ? ORDER BY rowid`).raw(),
    get: db.prepare<[string, string, string], Row>(`SELECT ${COLUMNS} FROM probely_scheduled_scans WHERE tenant = ? AND target_id = ? AND id = ?`).raw(),
    insert: db.prepare(`INSERT INTO probely_scheduled_scans (tenant, ${COLUMNS}) VALUES (@tenant, @id, @target_id, @date_time,
      @recurrence, @timezone, @run_on_day_of_week, @scheduled_day_of_week, @week_index, @partial_scan, @override_target_settings,
      @incremental, @reduced_scope, @scan_profile, @unlimited, @blackout_period, @changed, @changed_by)`),
    exists: db.prepare<[string, string, string], number>('SELECT 1 FROM probely_scheduled_scans WHERE tenant = ? AND target_id = ? AND id = ?').pluck(),
    delete: db.prepare<[string, string, string]>('DELETE FROM probely_scheduled_scans WHERE tenant = ? AND target_id = ? AND id = ?'),
    clear: db.prepare<[string]>('DELETE FROM probely_scheduled_scans WHERE tenant = ?')
  }

  /** One prepared UPDATE per set of fields sent, prepared on first use and kept. */
  const patchStatements = new Map<string, Statement<Record<string, unknown>, Row>>()
  const patchStatement = (fields: string[]) => {
    const key = fields.join(',')
    let statement = patchStatements.get(key)
    if (!statement) { statement = db.prepare<Record<string, unknown>, Row>(patchSql(fields)).raw(); patchStatements.set(key, statement) }
    return statement
  }

  /**
   * Writes `changes` in one statement, guarded by the rule across fields (RETURNING nothing when the
   * record is missing or the rule fails). Only then is the record read, to tell a 404 from the
   * rule's messages, which `check` words.
   */
  const patch = (tenant: string, targetId: string, id: string, changes: ScheduledScanChanges,
    stamp: { changed: string, changed_by: User }, check: (after: StoredScheduledScan) => FieldErrors | undefined
  ): { scan: StoredScheduledScan } | { errors: FieldErrors } | undefined => {
    const params: Record<string, unknown> = { tenant, target_id: targetId, id, changed: stamp.changed, changed_by: JSON.stringify(stamp.changed_by) }
    const fields = PATCHABLE.filter(f => changes[f] !== undefined)
    for (const field of fields) {
      const value = changes[field]
      params[field] = typeof value === 'boolean' ? (value ? 1 : 0) : value
    }
    const row = patchStatement(fields).get(params)
    if (row) return { scan: toStored(row) }
    const current = q.get.get(tenant, targetId, id)
    if (!current) return undefined
    return { errors: check({ ...toStored(current), ...changes, ...stamp }) ?? { non_field_errors: ['Invalid input.'] } }
  }

  return {
    count: (tenant: string, targetId?: string) =>
      (targetId === undefined ? q.count.get(tenant) : q.countOfTarget.get(tenant, targetId)) ?? 0,
    page: (tenant: string, limit: number, offset: number, targetId?: string) =>
      (targetId === undefined ? q.page.all(tenant, limit, offset) : q.pageOfTarget.all(tenant, targetId, limit, offset)).map(toStored),
    all: (tenant: string) => q.all.all(tenant).map(toStored),
    get: (tenant: string, targetId: string, id: string) => { const r = q.get.get(tenant, targetId, id); return r && toStored(r) },
    exists: (tenant: string, targetId: string, id: string) => q.exists.get(tenant, targetId, id) !== undefined,
    insert: (tenant: string, scan: StoredScheduledScan) => q.insert.run(toParams(tenant, scan)),
    patch,
    delete: (tenant: string, targetId: string, id: string) => q.delete.run(tenant, targetId, id).changes > 0,
    clear: (tenant: string) => q.clear.run(tenant)
  }
}
export type ScheduledScansRepo = ReturnType<typeof createScheduledScansRepo>
