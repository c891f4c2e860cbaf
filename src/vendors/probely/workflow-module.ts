import type { Clocks } from '../../core/clock'
import { renderFinding, renderScan } from './scans.render'
import type { Finding, Outcome, ProbelySettings, Scan } from './scans.schemas'
import type { Target } from './schemas'
import { completeSettings } from './settings.repo'
import type { ScheduledScansRepo } from './scheduled-scans.repo'
import { createScheduler } from './scheduler'
import { createScanWorkflow } from './workflow'
import type { WorkflowRepos } from './workflow-fixture'

/** Probely's workflows on one app: scan lifecycles and firing schedules, on the tenants' clocks. */
export function createProbelyWorkflows (clocks: Clocks, scheduledScans: ScheduledScansRepo, repos: WorkflowRepos) {
  const scans = createScanWorkflow(clocks, repos)
  const scheduler = createScheduler(clocks, { scheduledScans, state: repos.state }, scans)
  const render = (tenant: string, s: Parameters<typeof renderScan>[0], getTarget: (tenant: string, id: string) => Parameters<typeof renderScan>[1] | undefined) =>
    renderScan(s, getTarget(tenant, s.target)!)
  return {
    repos,
    scans,
    scheduler,
    /** The in-process entry's mirror of /__admin/probely/... (`ensure` provisions a tenant first). */
    controls ({ ensure, targets, write: writer }: {
      ensure: (tenant: string) => void
      targets: {
        getStored: (tenant: string, id: string) => Parameters<typeof renderScan>[1] | undefined
        allStored: (tenant: string) => Array<Parameters<typeof renderScan>[1]>
        get: (tenant: string, id: string) => Target | undefined
      }
      write: <T>(fn: () => T) => Promise<T>
    }) {
      return {
        /** the tenant's targets (default "default") as `GET /targets/` shows them, those created through the API included */
        targets: ({ tenant = 'default' }: { tenant?: string } = {}): Target[] => {
          ensure(tenant)
          return targets.allStored(tenant).map(t => targets.get(tenant, t.id)!)
        },
        /** the tenant's findings as `GET /findings/` shows them (of one target with `targetId`), oldest first */
        findings: ({ tenant = 'default', targetId }: { tenant?: string, targetId?: string } = {}): Finding[] => {
          ensure(tenant)
          const templates = repos.findings.templatesOfTenant(tenant)
          return repos.findings.all(tenant)
            .filter(f => (targetId === undefined || f.target === targetId) && templates.has(`${f.target} ${f.template}`))
            .map(f => renderFinding(f, templates.get(`${f.target} ${f.template}`)!, targets.getStored(tenant, f.target)!))
        },
        /** the tenant's scans (default "default"), oldest first, as the API shows them */
        scans: ({ tenant = 'default', targetId, status }: { tenant?: string, targetId?: string, status?: string } = {}): Scan[] => {
          ensure(tenant)
          const all = targetId === undefined ? repos.scans.all(tenant) : repos.scans.ofTarget(tenant, targetId)
          return all.filter(s => status === undefined || s.status === status).map(s => render(tenant, s, targets.getStored))
        },
        /** ends a scan still going now, with this outcome (findings recorded when completed) */
        finishScan: async (id: string, outcome: Outcome | 'canceled', tenant = 'default'): Promise<Scan> => {
          ensure(tenant)
          const scan = await writer(() => scans.finish(tenant, id, outcome))
          if (scan === undefined) throw new Error(`scanstub: no Probely scan ${id} in tenant ${tenant}`)
          return render(tenant, scan, targets.getStored)
        },
        settings: (tenant = 'default'): ProbelySettings => { ensure(tenant); return repos.settings.get(tenant) },
        /** replaces the tenant's durations and outcomes (left out: the defaults) */
        setSettings: async (settings: Parameters<typeof completeSettings>[0], tenant = 'default'): Promise<ProbelySettings> => {
          ensure(tenant)
          const complete = completeSettings(settings)
          await writer(() => repos.settings.put(tenant, complete))
          return complete
        }
      }
    },
    /** Registers the pending events from the tables: of one tenant after its fixture was loaded, of all at start. */
    rearm (tenant?: string): void {
      scans.rearm(tenant)
      scheduler.rearm(tenant)
    }
  }
}
export type ProbelyWorkflows = ReturnType<typeof createProbelyWorkflows>
