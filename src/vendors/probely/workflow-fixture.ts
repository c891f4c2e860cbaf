import { Type, type Static } from '@sinclair/typebox'
import { DateTime, IntegerEnum, Nullable, StringEnum } from '../../schema-helpers'
import { type FixtureProblems, isRecord, recordsOf } from '../../store/fixture-errors'
import { parseDrfDateTime } from './datetime'
import { createFindingsRepo } from './findings.repo'
import { isBase58 } from './ids'
import { User } from './schemas'
import { createScansRepo, type StoredScan } from './scans.repo'
import { FINAL_STATUSES, FINDING_STATES, FindingTemplate, ProbelySettings, SCAN_STATUSES, ScanOptions, type ScanStatus, SEVERITIES } from './scans.schemas'
import { createScheduleStateRepo } from './scheduler.repo'
import { completeSettings, createSettingsRepo } from './settings.repo'
import type { Db } from '../../store/db'

/**
 * The fixture's workflow part (under "probely"): `scans` (a scan as the API shows it, its `target` by id),
 * `findingTemplates` (what a completed scan of a target finds) and `settings` (durations, outcomes).
 */

export const FixtureScan = Type.Object({
  id: Type.String(),
  target: Type.String(),
  status: StringEnum(SCAN_STATUSES),
  scan_profile: Type.String(),
  created: DateTime(),
  started: Nullable(DateTime()),
  completed: Nullable(DateTime()),
  changed: DateTime(),
  changed_by: User,
  lows: Type.Integer({ minimum: 0 }),
  mediums: Type.Integer({ minimum: 0 }),
  highs: Type.Integer({ minimum: 0 }),
  ...ScanOptions.properties
})
export type FixtureScan = Static<typeof FixtureScan>

/** A finding the scans made: `template` is the index of its template in `findingTemplates`. */
export const FixtureFinding = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  target: Type.String(),
  template: Type.Integer({ minimum: 0 }),
  severity: IntegerEnum(SEVERITIES),
  state: StringEnum(FINDING_STATES),
  scans: Type.Array(Type.String()),
  first_found: DateTime(),
  last_found: DateTime(),
  changed: DateTime()
})
export type FixtureFinding = Static<typeof FixtureFinding>

export const WorkflowFixture = {
  scans: Type.Optional(Type.Array(FixtureScan)),
  findingTemplates: Type.Optional(Type.Array(FindingTemplate)),
  findings: Type.Optional(Type.Array(FixtureFinding)),
  settings: Type.Optional(ProbelySettings)
}
export interface WorkflowFixture { scans?: FixtureScan[], findingTemplates?: FindingTemplate[], findings?: FixtureFinding[], settings?: ProbelySettings }

/** The repos of the workflow part, made once per database. */
export function createWorkflowRepos (db: Db, keptRecords?: number) {
  return { scans: createScansRepo(db, keptRecords), findings: createFindingsRepo(db), settings: createSettingsRepo(db), state: createScheduleStateRepo(db) }
}
export type WorkflowRepos = ReturnType<typeof createWorkflowRepos>

const CVSS: Record<number, number> = { 10: 3.1, 20: 5.3, 30: 7.5 }

export function normalizeWorkflowFixture (raw: Record<string, unknown>, now: string, problems: FixtureProblems,
  targets: Map<string, { url: string }>): WorkflowFixture {
  const label = (list: string, i: number, id: unknown) => `probely.${list}[${i}]${id === undefined ? '' : ` (id ${JSON.stringify(id)})`}`
  const scans = recordsOf(raw.scans).map(s => ({
    status: 'completed', scan_profile: 'normal', created: now, started: null, completed: null, changed: now,
    changed_by: { id: 'scanstubFixture1', email: 'fixtures@scanstub.example.com', name: 'scanstub fixture' },
    lows: 0, mediums: 0, highs: 0, incremental: false, reduced_scope: false, partial_scan: false, crawl_sequences_only: false,
    ignore_blackout_period: false, has_sequence_navigation: false, unlimited: false, user_data: null, ...s
  })) as FixtureScan[]
  problems.unique('probely.scans', scans)
  const running = new Set<string>()
  scans.forEach((s, i) => {
    const where = label('scans', i, s.id)
    if (!problems.check(where, FixtureScan, s)) return
    if (!isBase58(s.id)) problems.add(where, 'id must be Base58')
    if (!targets.has(s.target)) problems.add(where, `target ${JSON.stringify(s.target)} names no target of the fixture`)
    if (!FINAL_STATUSES.includes(s.status)) {
      if (running.has(s.target)) problems.add(where, 'a target has at most one scan still going')
      running.add(s.target)
    }
    for (const field of ['created', 'started', 'completed', 'changed'] as const) {
      const value = s[field]
      if (value === null) continue
      const parsed = parseDrfDateTime(value)
      if (parsed === null) problems.add(where, `${field} is not an ISO 8601 date-time`)
      else s[field] = parsed
    }
  })

  const findingTemplates = recordsOf(raw.findingTemplates).map(t => {
    const url = targets.get(String(t.target))?.url ?? ''
    const severity = typeof t.severity === 'number' ? t.severity : 10
    return {
      definition: { id: 'scanstub-finding', name: 'Finding', desc: '' }, severity, url, path: url, method: 'get', parameter: '',
      insertion_point: '', evidence: '', fix: '', cvss_score: CVSS[severity] ?? 0, state: 'notfixed',
      ...t,
      ...(isRecord(t.definition) ? { definition: { id: 'scanstub-finding', name: 'Finding', desc: '', ...t.definition } } : {})
    }
  }) as FindingTemplate[]
  findingTemplates.forEach((t, i) => {
    const where = label('findingTemplates', i, undefined)
    if (!problems.check(where, FindingTemplate, t)) return
    if (!targets.has(t.target)) problems.add(where, `target ${JSON.stringify(t.target)} names no target of the fixture`)
  })

  // findings the scans made (an export carries them): each names its target, its template and the scans that found it
  const scanTargets = new Map(scans.map(s => [s.id, s.target]))
  const findings = recordsOf(raw.findings).map(f => {
    const template = typeof f.template === 'number' ? findingTemplates[f.template] : undefined
    return { severity: template?.severity ?? 10, state: 'notfixed', scans: [], first_found: now, last_found: now, changed: now, ...f }
  }) as unknown as FixtureFinding[]
  problems.unique('probely.findings', findings)
  const foundOnce = new Set<string>()
  findings.forEach((f, i) => {
    const where = label('findings', i, f.id)
    if (!problems.check(where, FixtureFinding, f)) return
    const template = findingTemplates[f.template]
    if (template === undefined) problems.add(where, `template ${f.template} names no finding template of the fixture`)
    else if (template.target !== f.target) problems.add(where, `template ${f.template} is a template of target ${JSON.stringify(template.target)}, not of ${JSON.stringify(f.target)}`)
    if (foundOnce.has(`${f.target} ${f.template}`)) problems.add(where, 'a template makes one finding per target')
    foundOnce.add(`${f.target} ${f.template}`)
    for (const id of f.scans) if (scanTargets.get(id) !== f.target) problems.add(where, `scan ${JSON.stringify(id)} names no scan of its target in the fixture`)
    for (const field of ['first_found', 'last_found', 'changed'] as const) {
      const parsed = parseDrfDateTime(f[field])
      if (parsed === null) problems.add(where, `${field} is not an ISO 8601 date-time`)
      else f[field] = parsed
    }
  })

  let settings: ProbelySettings | undefined
  if (raw.settings !== undefined) {
    if (!isRecord(raw.settings)) problems.add('probely.settings', 'must be an object')
    else {
      settings = completeSettings(raw.settings as Parameters<typeof completeSettings>[0])
      problems.check('probely.settings', ProbelySettings, settings)
    }
  }
  return { scans, findingTemplates, findings, ...(settings ? { settings } : {}) }
}

/**
 * Loads the part (after the targets, which the rows reference). A scan still going gets no clock time here:
 * the workflow times it from the clock right after the load (rearm).
 */
export function loadWorkflowFixture (repos: WorkflowRepos, tenant: string, part: WorkflowFixture): void {
  repos.settings.clear(tenant)
  if (part.settings) repos.settings.put(tenant, part.settings)
  for (const s of part.scans ?? []) {
    const { id, target, status, scan_profile: profile, created, started, completed, changed, changed_by: user, lows, mediums, highs, ...options } = s
    const scan: StoredScan = {
      id, target, status: status as ScanStatus, scan_profile: profile, created, started, completed, changed, changed_by: user,
      due_at: null, run_left_ms: 0, outcome: null, lows, mediums, highs, options
    }
    repos.scans.insert(tenant, scan)
  }
  ;(part.findingTemplates ?? []).forEach((t, i) => repos.findings.insertTemplate(tenant, i, t))
  for (const { target, template, ...f } of part.findings ?? []) repos.findings.insertFinding(tenant, { ...f, target, template })
}

export function exportWorkflowFixture (repos: WorkflowRepos, tenant: string): Required<Omit<WorkflowFixture, 'settings'>> & { settings: ProbelySettings } {
  const templates = repos.findings.allTemplates(tenant)
  const index = new Map(templates.map((t, i) => [t.position, i]))
  return {
    scans: repos.scans.all(tenant).map(s => ({
      id: s.id, target: s.target, status: s.status, scan_profile: s.scan_profile, created: s.created, started: s.started,
      completed: s.completed, changed: s.changed, changed_by: s.changed_by, lows: s.lows, mediums: s.mediums, highs: s.highs, ...s.options
    })),
    findingTemplates: templates.map(t => t.template),
    // a finding names its template by its index in the exported list (positions may have gaps: a target deleted)
    findings: repos.findings.all(tenant).filter(f => index.has(f.template)).map(f => ({
      id: f.id, target: f.target, template: index.get(f.template)!, severity: f.severity as FixtureFinding['severity'], state: f.state as FixtureFinding['state'],
      scans: f.scans, first_found: f.first_found, last_found: f.last_found, changed: f.changed
    })),
    settings: repos.settings.get(tenant)
  }
}

/** What a reset or a load of the tenant clears first (scans, findings, templates and states also go with their targets). */
export function clearWorkflow (repos: WorkflowRepos, tenant: string): void {
  repos.findings.clear(tenant)
  repos.scans.clear(tenant)
  repos.settings.clear(tenant)
  repos.state.clear(tenant)
}
