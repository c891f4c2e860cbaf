import { randomUUID } from 'node:crypto'
import type { Clocks, DueContext } from '../../core/clock'
import { parseSchedule } from './cron'
import type { NeostraRepo } from './scans.repo'
import type { Scan } from './schemas'
import { EMPTY_COUNTS, publicTask, type StoredTask, type TasksRepo } from './tasks.repo'
import { FINAL_STATUSES, type ScanView, type Settings, type Task, type TaskCounts, type TaskStatus } from './workflow.schemas'

/** A change of a task's status: what the journal records and a test waits for. */
export interface TaskStatusEvent {
  type: 'neostra.task.status'
  tenant: string
  /** the tenant clock's time of the change */
  time: string
  taskId: string
  scanId: string
  from: TaskStatus | null // null: the task was just created by a launch
  to: TaskStatus
  /** what moved it: a launch, the clock (automatic progress) or a PATCH (a worker) */
  by: 'launch' | 'clock' | 'patch'
}

export interface WorkflowDeps {
  scans: NeostraRepo
  tasks: TasksRepo
  clocks: Clocks
}

export type MoveResult = { ok: true, task: Task } | { ok: false, why: 'not-found' } | { ok: false, why: 'final', from: TaskStatus }

const iso = (ms: number) => new Date(ms).toISOString()
const taskKey = (id: string) => `neostra:task:${id}`
const scanKey = (id: string) => `neostra:scan:${id}`

/** Which of a launch's tasks end FAILED: the listed assets, plus `failShare` of them spread evenly. */
function failing (settings: Settings, index: number, asset: string): boolean {
  if (settings.failAssets.includes(asset)) return true
  return Math.floor((index + 1) * settings.failShare) > Math.floor(index * settings.failShare)
}

/** The scan's status, rolled up from its latest launch's tasks (scanstub's decision, README). */
function rollUp (runs: number, c: TaskCounts): ScanView['status'] {
  if (runs === 0) return 'IDLE'
  if (c.running > 0) return 'RUNNING'
  if (c.pending > 0) return 'PENDING'
  if (c.failed > 0) return 'FAILED'
  if (c.total > 0 && c.cancelled === c.total) return 'CANCELLED'
  return 'COMPLETED'
}

/**
 * What Neostra does over time, driven by each tenant's core clock: a launch cuts a scan into one task
 * per asset of each integration; tasks move on by themselves (automatic progress) or only by PATCH
 * (manual); a scheduled scan launches at each cron tick. Every method that writes runs inside the
 * store's write batch (route handlers wrap it in app.store.write; clock events already run in one).
 * What must survive a restart lives in the tables (tasks' `due_at`, scans' `schedule`): `restore`
 * schedules it again.
 */
export function createNeostraWorkflow ({ scans, tasks, clocks }: WorkflowDeps) {
  const listeners = new Set<(event: TaskStatusEvent) => void>()
  /** the keys this workflow scheduled per tenant, to cancel them alone (the clock is shared with Probely) */
  const keys = new Map<string, Set<string>>()

  const schedule = (tenant: string, key: string, at: number, run: (ctx: DueContext) => void) => {
    let mine = keys.get(tenant)
    if (!mine) keys.set(tenant, (mine = new Set()))
    mine.add(key)
    clocks.schedule(tenant, key, at, ctx => { mine.delete(key); run(ctx) })
  }
  const cancel = (tenant: string, key: string) => { keys.get(tenant)?.delete(key); clocks.cancel(tenant, key) }

  const emit = (tenant: string, time: string, task: StoredTask, from: TaskStatus | null, by: TaskStatusEvent['by']) => {
    if (listeners.size === 0) return
    const event: TaskStatusEvent = { type: 'neostra.task.status', tenant, time, taskId: task.id, scanId: task.scanId, from, to: task.status, by }
    for (const listener of listeners) listener(event)
  }

  /** Arms the automatic step of a task (stored in `due_at`, so a restart arms it again). */
  const arm = (tenant: string, id: string, at: number) => schedule(tenant, taskKey(id), at, ctx => step(tenant, id, ctx))

  /** One automatic step: PENDING to RUNNING, RUNNING to its outcome. A late step still applies. */
  const step = (tenant: string, id: string, ctx: DueContext) => {
    const task = tasks.get(tenant, id)
    if (!task || task.dueAt === null || FINAL_STATUSES.has(task.status)) return
    const time = iso(ctx.at)
    if (task.status === 'PENDING') {
      const runningMs = tasks.settings(tenant).runningMs
      const moved = tasks.move(tenant, id, { status: 'RUNNING', now: time, startedAt: time, finishedAt: null, dueAt: ctx.at + runningMs })
      if (!moved) return
      emit(tenant, time, moved, 'PENDING', 'clock')
      arm(tenant, id, ctx.at + runningMs)
      return
    }
    const moved = tasks.move(tenant, id, { status: task.outcome, now: time, startedAt: task.startedAt ?? time, finishedAt: time, dueAt: null })
    if (moved) emit(tenant, time, moved, 'RUNNING', 'clock')
  }

  /** Creates the tasks of a new launch of `scanId`; undefined when there is no such scan. */
  const launch = (tenant: string, scanId: string, atMs = clocks.now(tenant)): StoredTask[] | undefined => {
    const scan = scans.getScan(tenant, scanId)
    if (!scan) return undefined
    const settings = tasks.settings(tenant)
    const time = iso(atMs)
    const run = scans.markLaunched(tenant, scanId, time)
    const automatic = settings.progress === 'automatic'
    const created: StoredTask[] = []
    for (const integrationId of scan.integrationIds) {
      for (const asset of scans.getIntegration(tenant, integrationId)?.assets ?? []) {
        const task: StoredTask = {
          id: randomUUID(), scanId, integrationId, asset, status: 'PENDING',
          createdAt: time, updatedAt: time, startedAt: null, finishedAt: null,
          tenant, run, outcome: failing(settings, created.length, asset) ? 'FAILED' : 'COMPLETED',
          dueAt: automatic ? atMs + settings.pendingMs : null
        }
        tasks.insert(task)
        created.push(task)
      }
    }
    for (const task of created) {
      emit(tenant, time, task, null, 'launch')
      if (task.dueAt !== null) arm(tenant, task.id, task.dueAt)
    }
    return created
  }

  /** (Re)arms the scan's next cron tick, or none when it has no schedule: after a create, PATCH or load. */
  const armSchedule = (tenant: string, scan: Pick<Scan, 'id' | 'schedule'>, after = clocks.now(tenant)) => {
    cancel(tenant, scanKey(scan.id))
    const cron = scan.schedule === null ? undefined : parseSchedule(scan.schedule)
    const next = cron?.next(after)
    if (next === undefined) return
    schedule(tenant, scanKey(scan.id), next, ctx => {
      const current = scans.getScan(tenant, scan.id)
      if (!current || current.schedule !== scan.schedule) return
      // a tick the clock jumped over (or that passed while the server was down) is skipped, not replayed
      if (!ctx.late) launch(tenant, scan.id, ctx.at)
      armSchedule(tenant, current, ctx.late ? ctx.now : ctx.at)
    })
  }

  return {
    launch,
    armSchedule,

    /** A worker's (or a user's) move, in either progress mode; `strict` refuses leaving a final state. */
    move (tenant: string, id: string, status: TaskStatus, strict: boolean): MoveResult {
      const task = tasks.get(tenant, id)
      if (!task) return { ok: false, why: 'not-found' }
      if (strict && FINAL_STATUSES.has(task.status) && status !== task.status) return { ok: false, why: 'final', from: task.status }
      const nowMs = clocks.now(tenant)
      const time = iso(nowMs)
      const settings = tasks.settings(tenant)
      // in automatic mode the clock carries on from the state the PATCH set
      const dueAt = settings.progress !== 'automatic' || FINAL_STATUSES.has(status)
        ? null
        : nowMs + (status === 'PENDING' ? settings.pendingMs : settings.runningMs)
      const moved = tasks.move(tenant, id, {
        status,
        now: time,
        startedAt: status === 'PENDING' ? task.startedAt : task.startedAt ?? time,
        finishedAt: FINAL_STATUSES.has(status) ? time : null,
        dueAt
      })
      if (!moved) return { ok: false, why: 'not-found' }
      if (dueAt === null) cancel(tenant, taskKey(id))
      else arm(tenant, id, dueAt)
      if (moved.status !== task.status) emit(tenant, time, moved, task.status, 'patch')
      return { ok: true, task: publicTask(moved) }
    },

    /** The scan object with scanstub's roll-up: status, lastRunAt and the latest launch's task counts. */
    view (tenant: string, scan: Scan): ScanView {
      const launched = scans.launches(tenant, scan.id)
      // a scan never launched has no task: no query (the kept row has its launch count)
      const counts = launched.runs === 0 ? { ...EMPTY_COUNTS } : tasks.latestCounts(tenant, scan.id)
      return { ...scan, status: rollUp(launched.runs, counts), lastRunAt: launched.lastRunAt, tasks: counts }
    },

    /** New settings; a change of progress mode applies at once to the tasks not yet final. */
    setSettings (tenant: string, settings: Settings): void {
      tasks.putSettings(tenant, settings)
      const nowMs = clocks.now(tenant)
      for (const task of tasks.unfinished(tenant)) {
        if (settings.progress === 'manual') {
          if (task.dueAt !== null) tasks.move(tenant, task.id, { ...task, now: task.updatedAt, dueAt: null })
          cancel(tenant, taskKey(task.id))
        } else if (task.dueAt === null) {
          const dueAt = nowMs + (task.status === 'PENDING' ? settings.pendingMs : settings.runningMs)
          tasks.move(tenant, task.id, { ...task, now: task.updatedAt, dueAt })
          arm(tenant, task.id, dueAt)
        }
      }
    },

    /** Drops this workflow's events of a tenant: before its fixture is replaced or reset. */
    cancelTenant (tenant: string): void {
      for (const key of keys.get(tenant) ?? []) clocks.cancel(tenant, key)
      keys.delete(tenant)
    },

    /** After a tenant's data is (re)loaded: its old events dropped, the loaded ones armed. */
    reload (tenant: string): void {
      this.cancelTenant(tenant)
      this.setSettings(tenant, tasks.settings(tenant))
      this.restore(tenant)
    },

    /** Schedules again what the tables hold: every tenant at start, one tenant after a fixture load. */
    restore (tenant?: string): void {
      for (const task of tasks.due(tenant)) arm(task.tenant, task.id, task.dueAt as number)
      for (const scan of scans.scheduled(tenant)) armSchedule(scan.tenant, scan)
    },

    /** Hears every change of task status (the journal hooks in here). Returns the unsubscribe. */
    onTaskStatus (listener: (event: TaskStatusEvent) => void): () => void {
      listeners.add(listener)
      return () => { listeners.delete(listener) }
    }
  }
}
export type NeostraWorkflow = ReturnType<typeof createNeostraWorkflow>

/**
 * The one workflow of an app, found from its clocks (one Clocks per app): the vendor plugin (under
 * each prefix), its admin routes and the clock hooks of its module all reach the same object.
 */
const workflows = new WeakMap<Clocks, NeostraWorkflow>()
export function workflowOf (repos: { neostra: NeostraRepo, neostraTasks: TasksRepo }, clocks: Clocks): NeostraWorkflow {
  let workflow = workflows.get(clocks)
  if (!workflow) {
    workflow = createNeostraWorkflow({ scans: repos.neostra, tasks: repos.neostraTasks, clocks })
    workflows.set(clocks, workflow)
  }
  return workflow
}
