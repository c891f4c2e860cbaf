import type { StoredTarget } from './schemas'
import type { StoredScan } from './scans.repo'
import type { Finding, FindingTemplate, Scan } from './scans.schemas'
import type { StoredFinding } from './findings.repo'

/**
 * Scans and findings as Probely shows them. Their times always carry microseconds and `Z` (the public
 * scripts parse them with `%Y-%m-%dT%H:%M:%S.%fZ`), so the stored form is shown as it is.
 */

export const nestedScanTarget = (t: StoredTarget) => ({
  id: t.id, name: t.name, site: t.site, type: t.type, desc: t.site.desc, labels: t.labels, has_assets: t.has_assets,
  report_fileformat: t.report_fileformat, scanning_agent: t.scanning_agent, teams: t.teams, blackout_period: t.blackout_period
})

const EMPTY = {}
/** What the crawler, scanner and fingerprinter show: nothing while queued, done once the scan ended. */
function progress (s: StoredScan) {
  if (s.status === 'queued' || s.started === null) return { crawler: EMPTY, scanner: EMPTY, fingerprinter: EMPTY }
  const done = s.completed !== null
  const found = s.lows + s.mediums + s.highs
  const state = done ? 'done' : 'running'
  return {
    crawler: { state, status: done ? [100, 100] : [50, 100], warning: [], error: [] },
    scanner: { state, status: done ? [100, 100] : [0, 100], warning: [], error: [] },
    fingerprinter: { state: 'done', status: found, warning: [], error: s.status === 'failed' ? ['The scan failed.'] : [] }
  }
}

export function renderScan (s: StoredScan, target: StoredTarget, options: { targetOptions?: boolean } = {}): Scan {
  return {
    id: s.id,
    target: nestedScanTarget(target),
    status: s.status,
    created: s.created,
    started: s.started,
    completed: s.completed,
    scan_profile: s.scan_profile,
    lows: s.lows,
    mediums: s.mediums,
    highs: s.highs,
    criticals: 0,
    unlimited: s.options.unlimited,
    changed: s.changed,
    changed_by: s.changed_by,
    ...progress(s),
    stack: s.started === null ? [] : target.site.stack,
    ...(options.targetOptions === false ? {} : { target_options: { site: target.site, has_assets: target.has_assets, scanning_agent: target.scanning_agent } }),
    incremental: s.options.incremental,
    reduced_scope: s.options.reduced_scope,
    partial_scan: s.options.partial_scan,
    crawl_sequences_only: s.options.crawl_sequences_only,
    ignore_blackout_period: s.options.ignore_blackout_period,
    has_sequence_navigation: s.options.has_sequence_navigation,
    user_data: s.options.user_data
  }
}

/** A target's `running_scan`: the scan in progress, without its target. */
export function renderRunningScan (s: StoredScan, target: StoredTarget) {
  const { target: _omit, ...rest } = renderScan(s, target, { targetOptions: false })
  return rest
}

/** A target's `last_scan`: the summary real answers carry. */
export const renderLastScan = (s: StoredScan) => ({
  id: s.id, status: s.status, started: s.started, completed: s.completed, scan_profile: s.scan_profile,
  lows: s.lows, mediums: s.mediums, highs: s.highs, created: s.created
})

/** A finding's `path` is an absolute URL (the SDK's model refuses others): a relative one is read against the target's URL. */
function absolute (path: string, base: string): string {
  try { return new URL(path, base).href } catch { return path }
}

export function renderFinding (f: StoredFinding, template: FindingTemplate, target: StoredTarget): Finding {
  return {
    id: f.id,
    target: nestedScanTarget(target),
    scans: f.scans,
    labels: [],
    definition: template.definition,
    url: template.url,
    path: absolute(template.path, target.site.url),
    method: template.method,
    insertion_point: template.insertion_point,
    parameter: template.parameter,
    value: '',
    params: {},
    assignee: null,
    state: f.state as Finding['state'],
    severity: f.severity as Finding['severity'],
    cvss_score: template.cvss_score,
    cvss_vector: '',
    evidence: template.evidence,
    fix: template.fix,
    requests: [],
    last_found: f.last_found,
    first_found: f.first_found,
    retesting: false,
    new: f.scans.length === 1,
    changed: f.changed,
    changed_by: null,
    comment: ''
  }
}
