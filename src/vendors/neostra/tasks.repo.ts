import type { Db } from '../../store/db'
import { DEFAULT_SETTINGS, type Settings, type Task, type TaskCounts, type TaskStatus } from './workflow.schemas'

interface TaskRow {
  tenant: string, id: string, scan_id: string, run: number, integration_id: string, asset: string, status: TaskStatus
  created_at: string, updated_at: string, started_at: string | null, finished_at: string | null
  outcome: 'COMPLETED' | 'FAILED', due_at: number | null
}

/** A task with what only scanstub keeps: its launch, how automatic progress ends it, its next step. */
export interface StoredTask extends Task { tenant: string, run: number, outcome: 'COMPLETED' | 'FAILED', dueAt: number | null }

const toTask = (r: TaskRow): StoredTask => ({
  id: r.id, scanId: r.scan_id, integrationId: r.integration_id, asset: r.asset, status: r.status,
  createdAt: r.created_at, updatedAt: r.updated_at, startedAt: r.started_at, finishedAt: r.finished_at,
  tenant: r.tenant, run: r.run, outcome: r.outcome, dueAt: r.due_at
})

/** The API's view of a task: exactly the fields of its shape. */
export const publicTask = (t: StoredTask): Task => ({
  id: t.id, scanId: t.scanId, integrationId: t.integrationId, asset: t.asset, status: t.status,
  createdAt: t.createdAt, updatedAt: t.updatedAt, startedAt: t.startedAt, finishedAt: t.finishedAt
})

export interface TaskMove { status: TaskStatus, now: string, startedAt: string | null, finishedAt: string | null, dueAt: number | null }

export const EMPTY_COUNTS: TaskCounts = { total: 0, pending: 0, running: 0, completed: 0, failed: 0, cancelled: 0 }

/** Neostra's scan tasks and each tenant's progress settings; every statement prepared once. */
export function createTasksRepo (db: Db) {
  const q = {
    insert: db.prepare(`INSERT INTO neostra_tasks
      (tenant, id, scan_id, run, integration_id, asset, status, created_at, updated_at, started_at, finished_at, outcome, due_at)
      VALUES (@tenant, @id, @scanId, @run, @integrationId, @asset, @status, @createdAt, @updatedAt, @startedAt, @finishedAt, @outcome, @dueAt)`),
    get: db.prepare<[string, string], TaskRow>('SELECT * FROM neostra_tasks WHERE tenant = ? AND id = ?'),
    // NULL filters match everything: one statement for every combination of the admin list's filters
    list: db.prepare<{ tenant: string, scanId: string | null, status: string | null }, TaskRow>(`SELECT * FROM neostra_tasks
      WHERE tenant = @tenant AND (@scanId IS NULL OR scan_id = @scanId) AND (@status IS NULL OR status = @status)
      ORDER BY rowid`),
    move: db.prepare<TaskMove & { tenant: string, id: string }, TaskRow>(`UPDATE neostra_tasks SET
        status = @status, updated_at = @now, started_at = @startedAt, finished_at = @finishedAt, due_at = @dueAt
      WHERE tenant = @tenant AND id = @id RETURNING *`),
    latestCounts: db.prepare<[string, string, string, string], { status: TaskStatus, n: number }>(`SELECT status, COUNT(*) AS n
      FROM neostra_tasks WHERE tenant = ? AND scan_id = ?
        AND run = (SELECT MAX(run) FROM neostra_tasks WHERE tenant = ? AND scan_id = ?)
      GROUP BY status`),
    due: db.prepare<[], TaskRow>('SELECT * FROM neostra_tasks WHERE due_at IS NOT NULL ORDER BY due_at'),
    dueOf: db.prepare<[string], TaskRow>('SELECT * FROM neostra_tasks WHERE tenant = ? AND due_at IS NOT NULL ORDER BY due_at'),
    unfinished: db.prepare<[string], TaskRow>('SELECT * FROM neostra_tasks WHERE tenant = ? AND status IN (\'PENDING\', \'RUNNING\') ORDER BY rowid'),
    clear: db.prepare<[string]>('DELETE FROM neostra_tasks WHERE tenant = ?'),
    getSettings: db.prepare<[string], string>('SELECT data FROM neostra_settings WHERE tenant = ?').pluck(),
    putSettings: db.prepare<[string, string]>(`INSERT INTO neostra_settings (tenant, data) VALUES (?, ?)
      ON CONFLICT (tenant) DO UPDATE SET data = excluded.data`),
    clearSettings: db.prepare<[string]>('DELETE FROM neostra_settings WHERE tenant = ?')
  }

  return {
    insert: (t: StoredTask) => { q.insert.run(t) },
    get: (tenant: string, id: string) => { const r = q.get.get(tenant, id); return r && toTask(r) },
    list: (tenant: string, filter: { scanId?: string, status?: string } = {}) =>
      q.list.all({ tenant, scanId: filter.scanId ?? null, status: filter.status ?? null }).map(toTask),
    move: (tenant: string, id: string, m: TaskMove) => { const r = q.move.get({ tenant, id, ...m }); return r && toTask(r) },
    /** The task counts of the scan's latest launch. */
    latestCounts (tenant: string, scanId: string): TaskCounts {
      const counts = { ...EMPTY_COUNTS }
      for (const { status, n } of q.latestCounts.all(tenant, scanId, tenant, scanId)) {
        counts[status.toLowerCase() as Exclude<keyof TaskCounts, 'total'>] = n
        counts.total += n
      }
      return counts
    },
    /** Tasks with an automatic step pending, of one tenant or all. */
    due: (tenant?: string) => (tenant === undefined ? q.due.all() : q.dueOf.all(tenant)).map(toTask),
    unfinished: (tenant: string) => q.unfinished.all(tenant).map(toTask),
    clear: (tenant: string) => { q.clear.run(tenant); q.clearSettings.run(tenant) },
    settings (tenant: string): Settings {
      const data = q.getSettings.get(tenant)
      return data === undefined ? { ...DEFAULT_SETTINGS } : { ...DEFAULT_SETTINGS, ...JSON.parse(data) }
    },
    putSettings: (tenant: string, s: Settings) => { q.putSettings.run(tenant, JSON.stringify(s)) }
  }
}
export type TasksRepo = ReturnType<typeof createTasksRepo>
