import type { Statement } from 'better-sqlite3'
import type { Db } from '../../store/db'
import { KEPT_RECORDS_DEFAULT, KeptRecords } from '../../store/kept-records'
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

/** The UPDATE for one set of fields sent: only those columns are written (assigning a column, even to
 * its own value, makes SQLite redo its indexes and foreign keys). */
function patchSql (fields: readonly string[]): string {
  return `UPDATE probely_scheduled_scans SET ${[...fields.map(f => `${f} = @${f}`), 'changed = @changed', 'changed_by = @changed_by'].join(', ')}
    WHERE tenant = @tenant AND target_id = @target_id AND id = @id`
}

/**
 * Probely scheduled scans, one tenant at a time; every statement prepared once.
 *
 * The records last read or written are kept parsed, written through: SQLite is written first and the
 * kept copy replaced only once its statement has succeeded, so a PATCH reads nothing back. A transaction
 * rolled back after that (a failed COMMIT, a fixture refused half-way) must call `forgetAll()`, as the
 * store does: the kept copies would otherwise show writes that were undone.
 */
/** `keptLimit`: scheduled scans kept parsed in memory (the first kept forgotten first past this many) */
export function createScheduledScansRepo (db: Db, keptLimit = KEPT_RECORDS_DEFAULT) {
  const q = {
    count: db.prepare<[string], number>('SELECT count(*) FROM probely_scheduled_scans WHERE tenant = ?').pluck(),
    page: db.prepare<[string, number, number], Row>(`SELECT ${COLUMNS} FROM probely_scheduled_scans WHERE tenant = ? ORDER BY rowid LIMIT ? OFFSET ?`).raw(),
    pageIds: db.prepare<[string, number, number], string>('SELECT id FROM probely_scheduled_scans WHERE tenant = ? ORDER BY rowid LIMIT ? OFFSET ?').pluck(),
    pageIdsOfTarget: db.prepare<[string, string, number, number], string>(`SELECT id FROM probely_scheduled_scans
      WHERE tenant = ? AND target_id = ? ORDER BY rowid LIMIT ? OFFSET ?`).pluck(),
    countOfTarget: db.prepare<[string, string], number>('SELECT count(*) FROM probely_scheduled_scans WHERE tenant = ? AND target_id = ?').pluck(),
    pageOfTarget: db.prepare<[string, string, number, number], Row>(`SELECT ${COLUMNS} FROM probely_scheduled_scans
      WHERE tenant = ? AND target_id = ? ORDER BY rowid LIMIT ? OFFSET ?`).raw(),
    all: db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM probely_scheduled_scans WHERE tenant = ? ORDER BY rowid`).raw(),
    get: db.prepare<[string, string], Row>(`SELECT ${COLUMNS} FROM probely_scheduled_scans WHERE tenant = ? AND id = ?`).raw(),
    insert: db.prepare(`INSERT INTO probely_scheduled_scans (tenant, ${COLUMNS}) VALUES (@tenant, @id, @target_id, @date_time,
      @recurrence, @timezone, @run_on_day_of_week, @scheduled_day_of_week, @week_index, @partial_scan, @override_target_settings,
      @incremental, @reduced_scope, @scan_profile, @unlimited, @blackout_period, @changed, @changed_by)`),
    delete: db.prepare<[string, string, string]>('DELETE FROM probely_scheduled_scans WHERE tenant = ? AND target_id = ? AND id = ?'),
    clear: db.prepare<[string]>('DELETE FROM probely_scheduled_scans WHERE tenant = ?')
  }

  /** One prepared UPDATE per set of fields sent, prepared on first use and kept. */
  const patchStatements = new Map<string, Statement<Record<string, unknown>>>()
  const patchStatement = (fields: string[]) => {
    const key = fields.join(',')
    let statement = patchStatements.get(key)
    if (!statement) { statement = db.prepare<Record<string, unknown>>(patchSql(fields)); patchStatements.set(key, statement) }
    return statement
  }

  const kept = new KeptRecords<StoredScheduledScan>(keptLimit)
  /** The record, kept or read; undefined when it is missing or belongs to another target. */
  const get = (tenant: string, targetId: string, id: string): StoredScheduledScan | undefined => {
    const scan = kept.getOrRead(tenant, id, () => { const row = q.get.get(tenant, id); return row && toStored(row) })
    return scan?.target === targetId ? scan : undefined
  }

  /**
   * Writes `changes` unless the record as it would be after them breaks the rule across fields, which
   * `check` words (DRF's validate()); undefined when the record is missing.
   */
  const patch = (tenant: string, targetId: string, id: string, changes: ScheduledScanChanges,
    stamp: { changed: string, changed_by: User }, check: (after: StoredScheduledScan) => FieldErrors | undefined
  ): { scan: StoredScheduledScan, before: StoredScheduledScan } | { errors: FieldErrors } | undefined => {
    const current = get(tenant, targetId, id)
    if (current === undefined) return undefined
    const fields = PATCHABLE.filter(f => changes[f] !== undefined)
    const after: StoredScheduledScan = { ...current, ...stamp }
    const params: Record<string, unknown> = { tenant, target_id: targetId, id, changed: stamp.changed, changed_by: JSON.stringify(stamp.changed_by) }
    for (const field of fields) {
      const value = changes[field]
      Object.assign(after, { [field]: value })
      params[field] = typeof value === 'boolean' ? (value ? 1 : 0) : value
    }
    const errors = check(after)
    if (errors !== undefined) return { errors }
    patchStatement(fields).run(params)
    kept.keep(tenant, id, after)
    return { scan: after, before: current }
  }

  /**
   * A page of records (of one target, or of all): the kept ones when every record of the page is kept,
   * which only its ids tell (SQLite's order and membership, the kept copies' content); else the page read
   * whole and, if it fits, kept, so the next read of it is the kept one. A 10,000-record page read whole
   * is 17 columns of 10,000 rows and two JSON.parse a row; its ids alone are a tenth of that.
   */
  const page = (tenant: string, limit: number, offset: number, targetId?: string): StoredScheduledScan[] => {
    const ids = targetId === undefined ? q.pageIds.all(tenant, limit, offset) : q.pageIdsOfTarget.all(tenant, targetId, limit, offset)
    const keptPage: StoredScheduledScan[] = []
    for (const id of ids) {
      const scan = kept.get(tenant, id)
      if (scan === undefined) break
      keptPage.push(scan)
    }
    if (keptPage.length === ids.length) return keptPage
    const read = (targetId === undefined ? q.page.all(tenant, limit, offset) : q.pageOfTarget.all(tenant, targetId, limit, offset)).map(toStored)
    if (read.length <= keptLimit) for (const scan of read) kept.keep(tenant, scan.id, scan)
    return read
  }

  return {
    count: (tenant: string, targetId?: string) =>
      (targetId === undefined ? q.count.get(tenant) : q.countOfTarget.get(tenant, targetId)) ?? 0,
    page,
    all: (tenant: string) => q.all.all(tenant).map(toStored),
    get,
    exists: (tenant: string, targetId: string, id: string) => get(tenant, targetId, id) !== undefined,
    insert: (tenant: string, scan: StoredScheduledScan) => q.insert.run(toParams(tenant, scan)),
    patch,
    delete: (tenant: string, targetId: string, id: string) => {
      const gone = q.delete.run(tenant, targetId, id).changes > 0
      if (gone) kept.delete(tenant, id)
      return gone
    },
    clear: (tenant: string) => { q.clear.run(tenant); kept.forgetTenant(tenant) },
    /** Drops every kept record: after a rollback, SQLite alone knows what is stored. */
    forgetAll: () => { kept.clear() }
  }
}
export type ScheduledScansRepo = ReturnType<typeof createScheduledScansRepo>
