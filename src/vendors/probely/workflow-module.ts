import type { Clocks } from '../../core/clock'
import type { ScheduledScansRepo } from './scheduled-scans.repo'
import { createScheduler } from './scheduler'
import { createScanWorkflow } from './workflow'
import type { WorkflowRepos } from './workflow-fixture'

/** Probely's workflows on one app: scan lifecycles and firing schedules, on the tenants' clocks. */
export function createProbelyWorkflows (clocks: Clocks, scheduledScans: ScheduledScansRepo, repos: WorkflowRepos) {
  const scans = createScanWorkflow(clocks, repos)
  const scheduler = createScheduler(clocks, { scheduledScans, state: repos.state, scans: repos.scans }, scans)
  return {
    repos,
    scans,
    scheduler,
    /** Registers the pending events from the tables: of one tenant after its fixture was loaded, of all at start. */
    rearm (tenant?: string): void {
      scans.rearm(tenant)
      scheduler.rearm(tenant)
    }
  }
}
export type ProbelyWorkflows = ReturnType<typeof createProbelyWorkflows>
