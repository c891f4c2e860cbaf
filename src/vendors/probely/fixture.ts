import { Type, type Static } from '@sinclair/typebox'
import { FixtureProblems, isRecord, recordsOf } from '../../store/fixture-errors'
import { parseDrfDateTime, renderDrfDateTime } from './datetime'
import { isBase58 } from './ids'
import { scheduledScanRuleErrors } from './rules'
import type { ScheduledScansRepo, StoredScheduledScan } from './scheduled-scans.repo'
import { BlackoutPeriod, ScanProfile, ScheduledScan, StoredTarget, type User } from './schemas'
import type { TargetsRepo } from './targets.repo'
import { isIanaTimezone } from './timezones'
import { normalizeWorkflowFixture, WorkflowFixture } from './workflow-fixture' // probely workflows

/** The user shown as `changed_by` on fixture records that do not name one. */
export const FIXTURE_USER: User = { id: 'scanstubFixture1', email: 'fixtures@scanstub.example.com', name: 'scanstub fixture' }

const FixtureScheduledScan = Type.Composite([Type.Omit(ScheduledScan, ['target']), Type.Object({ target: Type.String() })])

/** Probely's part of the fixture format. A scheduled scan names its target by id. */
export const ProbelyFixture = Type.Object({
  scanProfiles: Type.Array(ScanProfile),
  targets: Type.Array(StoredTarget),
  scheduledScans: Type.Array(FixtureScheduledScan),
  ...WorkflowFixture // probely workflows: scans, findingTemplates, settings
})
export type ProbelyFixture = Static<typeof ProbelyFixture>

const defaultBlackout = (now: string): BlackoutPeriod =>
  ({ begin: null, cease: null, weekdays: [], enabled: false, timezone: 'UTC', changed: now, changed_by: FIXTURE_USER })

function siteDefaults (id: string, name: string, now: string) {
  return {
    id, name, desc: '', url: '', host: '',
    has_form_login: false, form_login_url: '', form_login_check_pattern: '', form_login: [],
    logout_detection_enabled: false, has_sequence_login: false, has_sequence_navigation: false,
    has_basic_auth: false, basic_auth: { username: '', password: '' }, headers: [], cookies: [],
    whitelist: [], blacklist: [], changed: now, changed_by: FIXTURE_USER, auth_enabled: false,
    logout_condition: 'any', check_session_url: '', has_otp: false, otp_secret: '', otp_algorithm: 'SHA1',
    otp_digits: 6, otp_field: '', otp_submit: '', otp_login_sequence_totp_value: '', otp_type: 'totp', otp_url: '',
    stack: [], verified: false, verification_token: '', verification_date: null, verification_method: null,
    verification_last_error: '',
    api_scan_settings: {
      api_schema_type: 'openapi', api_schema_url: null, api_schema_file: '', custom_api_parameters: [],
      media_type: 'application/json', api_login_url: '', api_login_payload: '', api_login_enabled: false,
      api_login_token_field: '', token_prefix: '', token_parameter_name: '', token_parameter_location: 'header'
    }
  }
}

/** A target with every field it may leave out at its default (a fixture's, or one created through the API). */
export function completeTarget (t: Record<string, unknown>, now: string): StoredTarget {
  const site = isRecord(t.site) ? t.site : {}
  const name = String(t.name ?? site.name ?? '')
  const defaults = siteDefaults(String(t.id ?? ''), name, now)
  return {
    type: 'single', labels: [], has_assets: false, report_fileformat: 'pdf', scanning_agent: null, teams: [],
    lows: 0, mediums: 0, highs: 0, risk: null, last_scan: null, running_scan: null, assets: [], scan_profile: null,
    enabled: true, environment: 'production', allowed_scan_profiles: [], changed: now, changed_by: FIXTURE_USER,
    ...t,
    name,
    site: {
      ...defaults,
      ...site,
      basic_auth: { ...defaults.basic_auth, ...(isRecord(site.basic_auth) ? site.basic_auth : {}) },
      api_scan_settings: { ...defaults.api_scan_settings, ...(isRecord(site.api_scan_settings) ? site.api_scan_settings : {}) }
    },
    blackout_period: { ...defaultBlackout(now), ...(isRecord(t.blackout_period) ? t.blackout_period : {}) }
  } as unknown as StoredTarget
}

function normalizeScheduledScan (s: Record<string, unknown>, now: string): StoredScheduledScan {
  return {
    recurrence: '', timezone: 'UTC', run_on_day_of_week: false, scheduled_day_of_week: null, week_index: null,
    partial_scan: false, override_target_settings: false, incremental: false, reduced_scope: false,
    scan_profile: null, unlimited: '', changed: now, changed_by: FIXTURE_USER,
    ...s,
    blackout_period: { ...defaultBlackout(now), ...(isRecord(s.blackout_period) ? s.blackout_period : {}) }
  } as StoredScheduledScan
}

/** Times in a fixture may be any ISO 8601 form DRF accepts; stored in the fixed-width UTC form. */
function storeTime (value: unknown, where: string, field: string, problems: FixtureProblems): string {
  const parsed = typeof value === 'string' ? parseDrfDateTime(value) : null
  if (parsed === null) problems.add(where, `${field} is not an ISO 8601 date-time`)
  return parsed ?? ''
}

/** Times inside stored JSON (targets, blackout periods) are kept as the API shows them. */
const shownTime = (value: unknown, where: string, field: string, problems: FixtureProblems) =>
  renderDrfDateTime(storeTime(value, where, field, problems))

export function normalizeProbelyFixture (part: unknown, now: string, problems: FixtureProblems): ProbelyFixture {
  if (part !== undefined && !isRecord(part)) problems.add('probely', 'must be an object')
  const raw = isRecord(part) ? part : {}
  const scanProfiles = recordsOf(raw.scanProfiles).map(p => ({ description: '', builtin: false, ...p })) as ScanProfile[]
  const targets = recordsOf(raw.targets).map(t => completeTarget(t, now))
  const scheduledScans = recordsOf(raw.scheduledScans).map(s => normalizeScheduledScan(s, now))

  problems.unique('probely.scanProfiles', scanProfiles)
  problems.unique('probely.targets', targets)
  problems.unique('probely.scheduledScans', scheduledScans)
  const profileIds = new Set(scanProfiles.map(p => p.id))
  const targetIds = new Set(targets.map(t => t.id))
  const label = (list: string, i: number, id: unknown) => `probely.${list}[${i}] (id ${JSON.stringify(id)})`

  scanProfiles.forEach((p, i) => problems.check(label('scanProfiles', i, p.id), ScanProfile, p))
  targets.forEach((t, i) => {
    const where = label('targets', i, t.id)
    if (!problems.check(where, StoredTarget, t)) return
    if (!isBase58(t.id)) problems.add(where, 'id must be Base58')
    t.changed = shownTime(t.changed, where, 'changed', problems)
    t.site.changed = shownTime(t.site.changed, where, 'site.changed', problems)
    t.blackout_period.changed = shownTime(t.blackout_period.changed, where, 'blackout_period.changed', problems)
    if (t.scan_profile !== null && !profileIds.has(t.scan_profile)) problems.add(where, `scan_profile ${JSON.stringify(t.scan_profile)} names no scan profile of the fixture`)
  })
  scheduledScans.forEach((s, i) => {
    const where = label('scheduledScans', i, s.id)
    if (!problems.check(where, FixtureScheduledScan, s)) return
    if (!isBase58(s.id)) problems.add(where, 'id must be Base58')
    if (!targetIds.has(s.target)) problems.add(where, `target ${JSON.stringify(s.target)} names no target of the fixture`)
    if (s.scan_profile !== null && !profileIds.has(s.scan_profile)) problems.add(where, `scan_profile ${JSON.stringify(s.scan_profile)} names no scan profile of the fixture`)
    if (!isIanaTimezone(s.timezone)) problems.add(where, `timezone ${JSON.stringify(s.timezone)} is not an IANA time zone`)
    s.date_time = storeTime(s.date_time, where, 'date_time', problems)
    s.changed = storeTime(s.changed, where, 'changed', problems)
    s.blackout_period.changed = shownTime(s.blackout_period.changed, where, 'blackout_period.changed', problems)
    for (const rule of scheduledScanRuleErrors(s)) problems.add(where, rule)
  })
  const workflow = normalizeWorkflowFixture(raw, now, problems, new Map(targets.map(t => [t.id, { url: t.site.url }]))) // probely workflows
  return { scanProfiles, targets, scheduledScans, ...workflow }
}

export function loadProbelyFixture (targets: TargetsRepo, scans: ScheduledScansRepo, tenant: string, part: ProbelyFixture): void {
  scans.clear(tenant)
  targets.clear(tenant)
  for (const p of part.scanProfiles) targets.insertProfile(tenant, p)
  for (const t of part.targets) targets.insert(tenant, t)
  for (const s of part.scheduledScans) scans.insert(tenant, s)
}

export function exportProbelyFixture (targets: TargetsRepo, scans: ScheduledScansRepo, tenant: string): ProbelyFixture {
  return {
    scanProfiles: targets.allProfiles(tenant),
    targets: targets.allStored(tenant),
    scheduledScans: scans.all(tenant).map(s => ({
      ...s, date_time: renderDrfDateTime(s.date_time), changed: renderDrfDateTime(s.changed)
    }))
  }
}
