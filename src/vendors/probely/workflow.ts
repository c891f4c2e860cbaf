import type { Clocks, DueContext } from '../../core/clock'
import { storedFromDate } from './datetime'
import type { FindingsRepo } from './findings.repo'
import { createProbelyIds } from './ids'
import type { User } from './schemas'
import type { ScansRepo, StoredScan } from './scans.repo'
import { FINAL_STATUSES, type Outcome, type ScanOptions, type ScanStatus } from './scans.schemas'
import type { SettingsRepo } from './settings.repo'

/**
 * A Probely scan's life on its tenant's clock, driven by clock events (one per scan, `probely:scan:<id>`):
 *
 *   queued --queuedMs--> started --runningMs--> completed | completed_with_errors | failed
 *   started --pause--> pausing --transitionMs--> paused --resume--> resuming --transitionMs--> started
 *   paused --pausedMaxMs (7 days)--> canceled
 *   queued | started | paused --cancel--> canceling --transitionMs--> canceled
 *
 * The next step's time is stored with the scan (`due_at`), so a restart re-registers it; an event that no
 * longer matches its scan (a fixture reloaded, a step already taken) does nothing.
 */

export interface WorkflowRepos { scans: ScansRepo, findings: FindingsRepo, settings: SettingsRepo }

export interface StartRequest {
  targetId: string
  scanProfile: string
  options: ScanOptions
  user: User
  /** clock time the scan is created at (a schedule's occurrence); default: the clock's now */
  at?: number
}

export type ScanAction = 'cancel' | 'pause' | 'resume'

/** A refusal in Probely's words: answered 400 `{"error": ...}`. */
export class ScanRefusal extends Error {}

const stored = (ms: number) => storedFromDate(new Date(ms))
const key = (id: string) => `probely:scan:${id}`
export const isFinal = (status: ScanStatus) => FINAL_STATUSES.includes(status)

/** Which actions each status allows, and the status the action moves the scan to. */
const MOVES: Record<ScanAction, { from: readonly ScanStatus[], to: ScanStatus, verb: string }> = {
  pause: { from: ['started'], to: 'pausing', verb: 'paused' },
  resume: { from: ['paused'], to: 'resuming', verb: 'resumed' },
  cancel: { from: ['queued', 'started', 'paused'], to: 'canceling', verb: 'canceled' }
}

/** Why `action` is refused for a scan in this status, or undefined when it is allowed. */
export function refusalOf (status: ScanStatus, action: ScanAction): string | undefined {
  const move = MOVES[action]
  return move.from.includes(status) ? undefined : `A scan with status "${status}" cannot be ${move.verb}.`
}

export function createScanWorkflow (clocks: Clocks, repos: WorkflowRepos) {
  const { scans, findings, settings } = repos
  const newProbelyId = createProbelyIds()

  const arm = (tenant: string, scan: StoredScan) => {
    if (scan.due_at === null) clocks.cancel(tenant, key(scan.id))
    else clocks.schedule(tenant, key(scan.id), scan.due_at, ctx => step(tenant, scan.id, ctx))
  }

  const outcomeOf = (tenant: string, scan: StoredScan): Outcome => {
    if (scan.outcome) return scan.outcome as Outcome
    const o = settings.get(tenant).outcomes
    return o.targets[scan.target] ?? o.scanProfiles[scan.scan_profile] ?? o.default
  }

  /** The scan ends at clock time `at` with `status`; a completed one records what it found. */
  const end = (tenant: string, scan: StoredScan, status: ScanStatus, at: number): StoredScan => {
    const when = stored(at)
    const counts = status === 'completed' || status === 'completed_with_errors'
      ? findings.record(tenant, scan.target, scan.id, when)
      : { lows: scan.lows, mediums: scan.mediums, highs: scan.highs }
    return { ...scan, ...counts, status, completed: when, changed: when, due_at: null, started: scan.started ?? (status === 'canceled' ? null : when) }
  }

  /** The lifecycle step due at ctx.at (late or not, it applies: a scan that should have finished has). */
  function step (tenant: string, id: string, ctx: DueContext): void {
    const scan = scans.get(tenant, id)
    if (scan === undefined || scan.due_at !== ctx.at) return
    const at = ctx.at
    const d = settings.get(tenant).durations
    let next: StoredScan
    switch (scan.status) {
      case 'queued': next = { ...scan, status: 'started', started: stored(at), due_at: at + scan.run_left_ms }; break
      case 'resuming': next = { ...scan, status: 'started', due_at: at + scan.run_left_ms }; break
      case 'started': next = end(tenant, { ...scan, run_left_ms: 0 }, outcomeOf(tenant, scan), at); break
      case 'pausing': next = { ...scan, status: 'paused', due_at: at + d.pausedMaxMs }; break
      case 'paused': case 'canceling': next = end(tenant, scan, 'canceled', at); break
      default: next = { ...scan, due_at: null }
    }
    next.changed = stored(at)
    scans.update(tenant, next)
    arm(tenant, next)
  }

  return {
    /** A new queued scan of the target; refused while another of its scans is still going. */
    start (tenant: string, request: StartRequest): StoredScan {
      const scan = this.startUnlessRunning(tenant, request)
      if (scan === undefined) throw new ScanRefusal('There is already a scan running on this target.')
      return scan
    },

    /** start, or undefined while another scan of the target is still going (a schedule's occurrence: skipped) */
    startUnlessRunning (tenant: string, request: StartRequest): StoredScan | undefined {
      if (scans.running(tenant, request.targetId) !== undefined) return undefined
      const now = request.at ?? clocks.now(tenant)
      const d = settings.get(tenant).durations
      const scan: StoredScan = {
        id: newProbelyId(),
        target: request.targetId,
        status: 'queued',
        scan_profile: request.scanProfile,
        created: stored(now),
        started: null,
        completed: null,
        changed: stored(now),
        changed_by: request.user,
        due_at: now + d.queuedMs,
        run_left_ms: d.runningMs,
        outcome: null,
        lows: 0,
        mediums: 0,
        highs: 0,
        options: request.options
      }
      scans.insert(tenant, scan)
      arm(tenant, scan)
      return scan
    },

    /** cancel, pause or resume, as the scan's status allows (else a ScanRefusal). */
    act (tenant: string, scan: StoredScan, action: ScanAction): StoredScan {
      const refusal = refusalOf(scan.status, action)
      if (refusal !== undefined) throw new ScanRefusal(refusal)
      const move = MOVES[action]
      const now = clocks.now(tenant)
      const d = settings.get(tenant).durations
      // a pause keeps the running time still to go, for the resume
      const runLeft = action === 'pause' && scan.due_at !== null ? Math.max(0, scan.due_at - now) : scan.run_left_ms
      const next: StoredScan = { ...scan, status: move.to, changed: stored(now), run_left_ms: runLeft, due_at: now + d.transitionMs }
      scans.update(tenant, next)
      arm(tenant, next)
      return next
    },

    /** The test's hand: the scan ends now with `outcome` (completed, completed_with_errors, failed or canceled). */
    finish (tenant: string, id: string, outcome: Outcome | 'canceled'): StoredScan | undefined {
      const scan = scans.get(tenant, id)
      if (scan === undefined) return undefined
      if (isFinal(scan.status)) throw new ScanRefusal(`The scan has already ended ("${scan.status}").`)
      const next = end(tenant, { ...scan, outcome }, outcome, clocks.now(tenant))
      scans.update(tenant, next)
      arm(tenant, next)
      return next
    },

    /** Registers the pending steps of one tenant (after a fixture load) or of all (at start). */
    rearm (tenant?: string): void {
      if (tenant !== undefined) {
        // a fixture's scans still going: their current step starts now
        const now = clocks.now(tenant)
        const d = settings.get(tenant).durations
        const stepMs: Partial<Record<ScanStatus, number>> = { queued: d.queuedMs, started: d.runningMs, paused: d.pausedMaxMs }
        for (const scan of scans.untimed(tenant)) {
          scans.update(tenant, { ...scan, run_left_ms: d.runningMs, due_at: now + (stepMs[scan.status] ?? d.transitionMs) })
        }
      }
      const pending = tenant === undefined ? scans.pending() : scans.pendingOfTenant(tenant).map(p => ({ ...p, tenant }))
      for (const p of pending) clocks.schedule(p.tenant, key(p.id), p.due_at, ctx => step(p.tenant, p.id, ctx))
    }
  }
}
export type ScanWorkflow = ReturnType<typeof createScanWorkflow>
