import type { Db } from '../../store/db'
import { KEPT_RECORDS_DEFAULT, KeptRecords } from '../../store/kept-records'
import { renderDrfDateTime } from './datetime'
import type { ScanProfile, StoredTarget, Target } from './schemas'
import type { TargetAnswer } from './target.serializer'
import type { FindingsRepo } from './findings.repo' // probely workflows
import type { ScansRepo, StoredScan } from './scans.repo' // probely workflows
import { renderLastScan, renderRunningScan } from './scans.render' // probely workflows
import { isFinal } from './workflow' // probely workflows

interface NextScanRow { id: string, date_time: string, recurrence: string, timezone: string }
/** a nextScans row as cells (raw: no object per row): target_id, id, date_time, recurrence, timezone, and the key it was chosen by */
type NextScanCells = [string, string, string, string, string, string]

/** A page of a tenant's targets (binds tenant, limit, offset), for the page statements' `target_id IN (…)`. */
const PAGE_OF_TARGETS = 'SELECT id FROM probely_targets WHERE tenant = ? ORDER BY rowid LIMIT ? OFFSET ?'
/** `AND <column> IN (the targets)`, or nothing for every target of the tenant */
const ofTargets = (column: string, targets?: string) => targets === undefined ? '' : ` AND ${column} IN (${targets})`

/** Which targets of the tenant (of `targets`, else all) have a row in `table`. */
const targetsWith = (table: string, targets?: string) =>
  `SELECT DISTINCT target_id FROM ${table} WHERE tenant = ?${ofTargets('target_id', targets)}`

/**
 * nextScan for many targets (of `targets`, else all) in one statement: min() makes SQLite take the other
 * columns from the row with the least key (its documented bare-column rule), the key nextScan's order
 * (time, then rowid; next_at and date_time are text of one fixed width). For 10,000 targets about half the
 * time of 10,000 nextScan queries (75-145 ms against 165-255 ms on a loaded machine)
 */
const nextScans = (targets?: string) => `SELECT s.target_id, s.id, s.date_time, s.recurrence, s.timezone,
    min(coalesce(r.next_at, s.date_time) || printf('%020d', s.rowid))
  FROM probely_scheduled_scans s LEFT JOIN probely_schedule_state r ON r.tenant = s.tenant AND r.schedule_id = s.id
  WHERE s.tenant = ?${ofTargets('s.target_id', targets)} AND (r.schedule_id IS NULL OR r.next_at IS NOT NULL)
  GROUP BY s.target_id`

/** Probely targets and scan profiles, one tenant at a time; every statement prepared once. */
/**
 * `workflow`: the scans and findings repos the workflow writes through (probely workflows), read for
 * each target's last_scan, running_scan and counts; `keptLimit`: targets kept parsed in memory (the
 * first kept forgotten first past this many)
 */
export function createTargetsRepo (db: Db, workflow: { scans: ScansRepo, findings: FindingsRepo }, keptLimit = KEPT_RECORDS_DEFAULT) {
  const q = {
    count: db.prepare<[string], number>('SELECT count(*) FROM probely_targets WHERE tenant = ?').pluck(),
    pageIds: db.prepare<[string, number, number], string>(PAGE_OF_TARGETS).pluck(),
    // which of a page's targets have scans, in one statement: the others need no last-scan query (10,000
    // targets: 10,000 statements fewer, ~35 ms); one next-scan query per target measured faster than one
    // window query over the page (~35 vs ~105 ms for 10,000)
    pageScanned: db.prepare<[string, string, number, number], string>(targetsWith('probely_scans', PAGE_OF_TARGETS)).pluck(),
    // and which have findings (their lows, mediums and highs are then counted)
    pageFound: db.prepare<[string, string, number, number], string>(targetsWith('probely_findings', PAGE_OF_TARGETS)).pluck(),
    // the same over every target of the tenant, with allNext and allIds, for a page that holds them all
    // (Probely's scripts list with length=10000): no subquery to build and probe per row
    allScanned: db.prepare<[string], string>(targetsWith('probely_scans')).pluck(),
    allFound: db.prepare<[string], string>(targetsWith('probely_findings')).pluck(),
    allNext: db.prepare<[string], NextScanCells>(nextScans()).raw(),
    allIds: db.prepare<[string], string>('SELECT id FROM probely_targets WHERE tenant = ? ORDER BY rowid').pluck(),
    all: db.prepare<[string], string>('SELECT data FROM probely_targets WHERE tenant = ? ORDER BY rowid').pluck(),
    get: db.prepare<[string, string], string>('SELECT data FROM probely_targets WHERE tenant = ? AND id = ?').pluck(),
    exists: db.prepare<[string, string], number>('SELECT 1 FROM probely_targets WHERE tenant = ? AND id = ?').pluck(),
    insert: db.prepare('INSERT INTO probely_targets (tenant, id, data) VALUES (?, ?, ?)'),
    update: db.prepare<[string, string, string]>('UPDATE probely_targets SET data = ? WHERE tenant = ? AND id = ?'),
    // its scheduled scans, scans, findings and their states go with it (ON DELETE CASCADE)
    delete: db.prepare<[string, string]>('DELETE FROM probely_targets WHERE tenant = ? AND id = ?'),
    // the scheduled scan that fires next: a one-off that fired (or was written in the past) is done (probely workflows)
    nextScan: db.prepare<[string, string], NextScanRow>(`SELECT s.id, s.date_time, s.recurrence, s.timezone
      FROM probely_scheduled_scans s LEFT JOIN probely_schedule_state r ON r.tenant = s.tenant AND r.schedule_id = s.id
      WHERE s.tenant = ? AND s.target_id = ? AND (r.schedule_id IS NULL OR r.next_at IS NOT NULL)
      ORDER BY coalesce(r.next_at, s.date_time), s.rowid LIMIT 1`),
    // nextScans over one page (see above)
    pageNext: db.prepare<[string, string, number, number], NextScanCells>(nextScans(PAGE_OF_TARGETS)).raw(),
    clear: db.prepare<[string]>('DELETE FROM probely_targets WHERE tenant = ?'),
    profileCount: db.prepare<[string], number>('SELECT count(*) FROM probely_scan_profiles WHERE tenant = ?').pluck(),
    profilePage: db.prepare<[string, number, number], string>('SELECT data FROM probely_scan_profiles WHERE tenant = ? ORDER BY rowid LIMIT ? OFFSET ?').pluck(),
    profileAll: db.prepare<[string], string>('SELECT data FROM probely_scan_profiles WHERE tenant = ? ORDER BY rowid').pluck(),
    profileExists: db.prepare<[string, string], number>('SELECT 1 FROM probely_scan_profiles WHERE tenant = ? AND id = ?').pluck(),
    insertProfile: db.prepare('INSERT INTO probely_scan_profiles (tenant, id, data) VALUES (?, ?, ?)'),
    clearProfiles: db.prepare<[string]>('DELETE FROM probely_scan_profiles WHERE tenant = ?')
  }

  // Targets change rarely (a fixture load, a write through the API), so each is parsed once and kept
  // (bounded; the oldest forgotten first). The objects are shared: callers copy, never mutate.
  const parsed = new KeptRecords<StoredTarget>(keptLimit)
  const stored = (tenant: string, id: string): StoredTarget | undefined =>
    parsed.getOrRead(tenant, id, () => { const d = q.get.get(tenant, id); return d === undefined ? undefined : JSON.parse(d) as StoredTarget })

  // probely workflows: running_scan and last_scan follow the scans (the running one, if any, is the last:
  // a target runs one at a time); a target never scanned keeps what its fixture says
  // lows, mediums and highs: the target's open findings (notfixed, retesting) once a scan found any
  const { scans, findings } = workflow
  const answerOf = (stored: StoredTarget, next: NextScanRow | undefined, last: StoredScan | undefined,
    counts: TargetAnswer['counts']): TargetAnswer => {
    return {
      stored,
      counts,
      last_scan: last ? renderLastScan(last) : stored.last_scan,
      running_scan: last ? (isFinal(last.status) ? null : renderRunningScan(last, stored)) : stored.running_scan,
      next_scan: next ? { ...next, date_time: renderDrfDateTime(next.date_time) } : null
    }
  }
  const withNextScan = (tenant: string, stored: StoredTarget): Target => {
    const { stored: _, counts, ...derived } = answerOf(stored, q.nextScan.get(tenant, stored.id), scans.last(tenant, stored.id),
      findings.openCounts(tenant, stored.id))
    return { ...stored, ...derived, ...counts } as Target
  }

  return {
    count: (tenant: string) => q.count.get(tenant) ?? 0,
    /**
     * A page as the list's serializer takes it: each stored target (kept, so its JSON is too) and what follows the scans.
     * `count`: the tenant's targets; a page from the first that holds them all is read over the whole tenant
     * (10,000 targets, timed alone on a loaded machine: pageNext 58 ms through the page's subquery with a row object
     * each, 35 ms over the tenant with raw rows).
     */
    pageAnswers: (tenant: string, limit: number, offset: number, count: number): TargetAnswer[] => {
      const whole = offset === 0 && limit >= count
      const scanned = new Set(whole ? q.allScanned.all(tenant) : q.pageScanned.all(tenant, tenant, limit, offset))
      const found = new Set(whole ? q.allFound.all(tenant) : q.pageFound.all(tenant, tenant, limit, offset))
      const next = new Map<string, NextScanRow>()
      for (const [targetId, id, dateTime, recurrence, timezone] of whole ? q.allNext.all(tenant) : q.pageNext.all(tenant, tenant, limit, offset)) {
        next.set(targetId, { id, date_time: dateTime, recurrence, timezone })
      }
      return (whole ? q.allIds.all(tenant) : q.pageIds.all(tenant, limit, offset)).map(id =>
        answerOf(stored(tenant, id)!, next.get(id), scanned.has(id) ? scans.last(tenant, id) : undefined,
          found.has(id) ? findings.openCounts(tenant, id) : undefined))
    },
    /** The stored target, without next_scan (as nested in a scheduled scan). */
    getStored: stored,
    get: (tenant: string, id: string): Target | undefined => {
      const target = stored(tenant, id)
      return target && withNextScan(tenant, target)
    },
    exists: (tenant: string, id: string) => q.exists.get(tenant, id) !== undefined,
    allStored: (tenant: string): StoredTarget[] => q.all.all(tenant).map(d => JSON.parse(d)),
    insert: (tenant: string, target: StoredTarget) => { parsed.delete(tenant, target.id); q.insert.run(tenant, target.id, JSON.stringify(target)) },
    /** Writes the whole target (a PATCH, PUT or bulk update through the API). */
    update: (tenant: string, target: StoredTarget) => { parsed.delete(tenant, target.id); q.update.run(JSON.stringify(target), tenant, target.id) },
    /** Deletes the target and, by cascade, everything of it; false when there was none. */
    delete: (tenant: string, id: string) => { parsed.delete(tenant, id); return q.delete.run(tenant, id).changes > 0 },
    profileCount: (tenant: string) => q.profileCount.get(tenant) ?? 0,
    profilePage: (tenant: string, limit: number, offset: number): ScanProfile[] =>
      q.profilePage.all(tenant, limit, offset).map(d => JSON.parse(d)),
    allProfiles: (tenant: string): ScanProfile[] => q.profileAll.all(tenant).map(d => JSON.parse(d)),
    profileExists: (tenant: string, id: string) => q.profileExists.get(tenant, id) !== undefined,
    insertProfile: (tenant: string, profile: ScanProfile) => q.insertProfile.run(tenant, profile.id, JSON.stringify(profile)),
    clear: (tenant: string) => { parsed.forgetTenant(tenant); q.clear.run(tenant); q.clearProfiles.run(tenant) },
    /** Drops every parsed target: after a rollback, SQLite alone knows what is stored. */
    forgetAll: () => parsed.clear()
  }
}
export type TargetsRepo = ReturnType<typeof createTargetsRepo>
