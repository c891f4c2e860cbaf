import type { Clocks, DueContext } from '../../core/clock'
import { storedFromDate } from './datetime'
import { nextOccurrence, type RecurrenceRule } from './recurrence'
import type { ScheduleStateRepo } from './scheduler.repo'
import type { ScheduledScansRepo, StoredScheduledScan } from './scheduled-scans.repo'
import type { ScanWorkflow } from './workflow'

/**
 * Scheduled scans that fire, on their tenant's clock (one event per schedule, `probely:schedule:<id>`):
 *
 * - at an occurrence a scan starts with the schedule's options, unless a scan of that target is still
 *   going (the real service cannot run two): that occurrence is skipped;
 * - then `date_time` moves to the next occurrence (recurrence.ts), a one-off (`""`) is done and is no
 *   longer its target's `next_scan`;
 * - occurrences already past when the schedule is written or loaded, or that the clock jumped over (a
 *   set, a restart after downtime), are skipped, never replayed: `date_time` moves past them unfired.
 */

export interface SchedulerRepos { scheduledScans: ScheduledScansRepo, state: ScheduleStateRepo }

const stored = (ms: number) => storedFromDate(new Date(ms))
/** The fields a schedule's occurrences are computed from: a PATCH that changes none of them re-arms nothing. */
const TIMING = ['date_time', 'recurrence', 'timezone', 'run_on_day_of_week', 'scheduled_day_of_week', 'week_index'] as const
const key = (id: string) => `probely:schedule:${id}`

const ruleOf = (s: StoredScheduledScan, anchor: string): RecurrenceRule => ({
  anchor: Date.parse(anchor),
  recurrence: s.recurrence,
  timezone: s.timezone,
  run_on_day_of_week: s.run_on_day_of_week,
  scheduled_day_of_week: s.scheduled_day_of_week,
  week_index: s.week_index
})

export function createScheduler (clocks: Clocks, repos: SchedulerRepos, workflow: ScanWorkflow) {
  const { scheduledScans, state } = repos

  const registerAt = (tenant: string, targetId: string, id: string, at: number) =>
    clocks.schedule(tenant, key(id), at, ctx => fire(tenant, targetId, id, ctx))
  const register = (tenant: string, s: StoredScheduledScan, at: number) => registerAt(tenant, s.target, s.id, at)

  /** Moves the schedule to occurrence `next` (or marks it done), without touching changed/changed_by. */
  const moveTo = (tenant: string, s: StoredScheduledScan, anchor: string, next: number | null) => {
    if (next === null) {
      state.put(tenant, s.id, { anchor, seen: s.date_time, next_at: null })
      clocks.cancel(tenant, key(s.id))
      return
    }
    const when = stored(next)
    scheduledScans.patch(tenant, s.target, s.id, { date_time: when }, { changed: s.changed, changed_by: s.changed_by }, () => undefined)
    state.put(tenant, s.id, { anchor, seen: when, next_at: when })
    register(tenant, { ...s, date_time: when }, next)
  }

  function fire (tenant: string, targetId: string, id: string, ctx: DueContext): void {
    const s = scheduledScans.get(tenant, targetId, id)
    const st = state.get(tenant, id)
    if (s === undefined || st === undefined || st.next_at === null || Date.parse(st.next_at) !== ctx.at) return
    const rule = ruleOf(s, st.anchor)
    if (!ctx.late) {
      workflow.startUnlessRunning(tenant, {
        targetId: s.target,
        scanProfile: s.scan_profile ?? 'normal',
        options: {
          incremental: s.incremental, reduced_scope: s.reduced_scope, partial_scan: s.partial_scan, crawl_sequences_only: false,
          ignore_blackout_period: false, has_sequence_navigation: false, unlimited: false, user_data: null
        },
        user: s.changed_by,
        at: ctx.at
      })
    }
    // late: everything up to the clock's time is skipped; else the occurrence after this one
    moveTo(tenant, s, st.anchor, ctx.late ? nextOccurrence(rule, ctx.now) : nextOccurrence(rule, ctx.at))
  }

  /**
   * (Re)arms one schedule after it was written or loaded: occurrences are counted from the date_time the
   * client wrote (kept as the anchor while the scheduler is the one moving date_time), the first at or
   * after the clock's time fires.
   */
  function arm (tenant: string, s: StoredScheduledScan, written = false): void {
    // `written`: the client wrote this date_time, so it is the anchor (the state's `seen` is always the
    // date_time the scheduler last saw, so it cannot equal a newly written one): no read of the state
    const st = written ? undefined : state.get(tenant, s.id)
    const anchor = st !== undefined && st.seen === s.date_time ? st.anchor : s.date_time
    const next = nextOccurrence(ruleOf(s, anchor), clocks.now(tenant), true)
    state.put(tenant, s.id, { anchor, seen: s.date_time, next_at: next === null ? null : stored(next) })
    if (next === null) clocks.cancel(tenant, key(s.id))
    else register(tenant, s, next)
  }

  return {
    arm,
    /** After a create, PATCH or PUT (the record is there) or a delete (it is not). */
    changed (tenant: string, targetId: string, id: string): void {
      const s = scheduledScans.get(tenant, targetId, id)
      if (s === undefined) clocks.cancel(tenant, key(id))
      else arm(tenant, s)
    },
    /**
     * A PATCH's result passed through: the schedule re-armed when it was written, unless none of the
     * fields its occurrences depend on changed (a PATCH of partial_scan, say, keeps its event as it is).
     */
    afterPatch<R extends { scan: StoredScheduledScan, before?: StoredScheduledScan } | object | undefined> (tenant: string, result: R): R {
      if (result === undefined || !('scan' in result)) return result
      const { scan, before } = result as { scan: StoredScheduledScan, before?: StoredScheduledScan }
      if (before === undefined || TIMING.some(field => scan[field] !== before[field])) arm(tenant, scan, before !== undefined && scan.date_time !== before.date_time)
      return result
    },
    /** Every schedule of a tenant (after a fixture load), or of every tenant with one pending (at start). */
    rearm (tenant?: string): void {
      if (tenant !== undefined) {
        // a new tenant's rows (and their state) were copied from the seed's, armed at start on the real
        // clock: a stored next occurrence still ahead is the first at or after now too (none lay between),
        // so it is registered as it is, without reading the record; others are armed afresh. A new
        // tenant over a seed of 100,000 schedules took 6 to 12 s of blocking arming them one by one.
        const now = clocks.now(tenant)
        for (const row of state.ofTenant(tenant)) {
          if (row.current === 1 && row.next_at !== null && Date.parse(row.next_at) >= now) {
            registerAt(tenant, row.target_id, row.id, Date.parse(row.next_at))
            continue
          }
          const s = scheduledScans.get(tenant, row.target_id, row.id)
          if (s !== undefined) arm(tenant, s)
        }
        return
      }
      for (const row of state.startup()) {
        const s = scheduledScans.get(row.tenant, row.target_id, row.id)
        if (s === undefined) continue
        // the stored next occurrence is registered as it is: one the server was down for runs late (skipped)
        if (row.fresh === 1 || row.next_at === null) arm(row.tenant, s)
        else register(row.tenant, s, Date.parse(row.next_at))
      }
    }
  }
}
export type Scheduler = ReturnType<typeof createScheduler>
