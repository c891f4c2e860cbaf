import { Type, type Static } from '@sinclair/typebox'
import { DateTime, IntegerEnum, Nullable, StringEnum } from '../../schema-helpers'
import { BlackoutPeriod, Label, ScanProfile, ScanningAgent, Site, User } from './schemas'

/** Probely's scans and findings, field for field from the fact sheet (shared/docs/probely-scans.md). */

export const SCAN_STATUSES = ['queued', 'started', 'finishing_up', 'under_review', 'completed', 'completed_with_errors', 'failed',
  'pausing', 'paused', 'resuming', 'canceling', 'canceled'] as const
export type ScanStatus = typeof SCAN_STATUSES[number]
export const FINAL_STATUSES: readonly ScanStatus[] = ['completed', 'completed_with_errors', 'failed', 'canceled']
/** What a test may choose a scan to end with. */
export const OUTCOMES = ['completed', 'completed_with_errors', 'failed'] as const
export type Outcome = typeof OUTCOMES[number]

/** The target as a scan nests it. */
export const ScanTarget = Type.Object({
  id: Type.String(),
  name: Type.String(),
  site: Site,
  type: Type.String(),
  desc: Type.String(),
  labels: Type.Array(Label),
  has_assets: Type.Boolean(),
  report_fileformat: Type.String(),
  scanning_agent: Type.Union([ScanningAgent, Type.Null()]),
  teams: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  blackout_period: BlackoutPeriod
})

/** crawler and scanner: `{}` while queued. */
const Progress = Type.Object({
  state: Type.Optional(Type.String()),
  status: Type.Optional(Type.Array(Type.Integer(), { description: '[done, total]' })),
  warning: Type.Optional(Type.Array(Type.String())),
  error: Type.Optional(Type.Array(Type.String()))
})
const Fingerprinter = Type.Object({
  state: Type.Optional(Type.String()),
  status: Type.Optional(Type.Integer({ description: 'technologies found' })),
  warning: Type.Optional(Type.Array(Type.String())),
  error: Type.Optional(Type.Array(Type.String()))
})

export const TargetOptions = Type.Object({
  site: Type.Unknown(),
  has_assets: Type.Boolean(),
  scanning_agent: Type.Unknown()
})

/** The flags a scan is started with, kept as it was started. */
export const ScanOptions = Type.Object({
  incremental: Type.Boolean(),
  reduced_scope: Type.Boolean(),
  partial_scan: Type.Boolean(),
  crawl_sequences_only: Type.Boolean(),
  ignore_blackout_period: Type.Boolean(),
  has_sequence_navigation: Type.Boolean(),
  unlimited: Type.Boolean(),
  user_data: Type.Union([Type.String(), Type.Null()])
})
export type ScanOptions = Static<typeof ScanOptions>

export const Scan = Type.Object({
  id: Type.String({ description: '12 characters, Base58' }),
  target: ScanTarget,
  status: StringEnum(SCAN_STATUSES),
  created: DateTime(),
  started: Nullable(DateTime()),
  completed: Nullable(DateTime()),
  scan_profile: Type.Union([Type.String(), ScanProfile], { description: 'The profile id; the whole profile (`name` included) with `?scan_profile_name=true`' }),
  lows: Type.Integer(),
  mediums: Type.Integer(),
  highs: Type.Integer(),
  criticals: Type.Integer(),
  unlimited: Type.Boolean(),
  changed: DateTime(),
  changed_by: User,
  crawler: Progress,
  scanner: Progress,
  fingerprinter: Fingerprinter,
  stack: Type.Array(Type.Unknown()),
  target_options: Type.Optional(TargetOptions),
  // the options it was started with (unlimited is shown above, with the credits fields)
  ...Type.Omit(ScanOptions, ['unlimited']).properties
})
export type Scan = Static<typeof Scan>

/** A target's `running_scan` (the scan without its target) and `last_scan` (the summary). */
export const LastScan = Type.Object({
  id: Type.String(), status: StringEnum(SCAN_STATUSES), started: Nullable(DateTime()), completed: Nullable(DateTime()),
  scan_profile: Type.String(), lows: Type.Integer(), mediums: Type.Integer(), highs: Type.Integer(), created: DateTime()
})

/** scan_now: every key optional, options at the top level or under `overrides` (the SDK CLI's way). */
const scanNowFields = {
  scan_profile: Nullable(Type.String({ description: 'Scan profile id; the target\'s own when absent.' })),
  incremental: Type.Boolean(),
  reduced_scope: Type.Boolean(),
  partial_scan: Type.Boolean(),
  crawl_sequences_only: Type.Boolean(),
  ignore_blackout_period: Type.Boolean(),
  user_data: Nullable(Type.String())
}
export const ScanNowBody = Type.Partial(Type.Object({
  ...scanNowFields,
  reduced_scopes: Type.Unknown({ description: 'Accepted: [{url, enabled?}]' }),
  overrides: Type.Unknown({ description: 'The same options, nested (probely CLI)' })
}))
export const ScanNowOverrides = Type.Partial(Type.Object(scanNowFields))

export const ScanError = Type.Object({ error: Type.String() })

export const ScanParams = Type.Object({ target_id: Type.String(), id: Type.String() })
export const AnyScanParams = Type.Object({ id: Type.String() })

export const ScanListQuery = Type.Object({
  page: Type.Optional(Type.String()),
  length: Type.Optional(Type.String()),
  status: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())], { description: 'repeatable' })),
  search: Type.Optional(Type.String()),
  ordering: Type.Optional(Type.String({ description: 'created, started, completed, changed, status; "-" for descending' })),
  scan_profile: Type.Optional(Type.String()),
  scan_profile_name: Type.Optional(Type.String({ description: 'true: `scan_profile` is the whole profile, with its `name`' }))
}, { additionalProperties: true, description: 'Also created__gte, started__lt, completed__lte, changed__gt, ... (ISO times)' })

export const BulkBody = Type.Object({
  scans: Type.Optional(Type.Array(Type.Object({ id: Type.String() }))),
  targets: Type.Optional(Type.Array(Type.Object({ id: Type.String() }))),
  scan_profile: Type.Optional(Type.String())
}, { additionalProperties: true })

export const SEVERITIES = [10, 20, 30] as const
export const FINDING_STATES = ['notfixed', 'invalid', 'accepted', 'fixed', 'retesting'] as const

export const FindingDefinition = Type.Object({ id: Type.String(), name: Type.String(), desc: Type.String() })

/** A finding template in the fixture: what a completed scan of its target finds. */
export const FindingTemplate = Type.Object({
  target: Type.String(),
  definition: FindingDefinition,
  severity: IntegerEnum(SEVERITIES),
  url: Type.String(),
  path: Type.String(),
  method: Type.String(),
  parameter: Type.String(),
  insertion_point: Type.String(),
  evidence: Type.String(),
  fix: Type.String(),
  cvss_score: Type.Number(),
  state: StringEnum(FINDING_STATES)
})
export type FindingTemplate = Static<typeof FindingTemplate>

export const Finding = Type.Object({
  id: Type.Integer(),
  target: ScanTarget,
  scans: Type.Array(Type.String()),
  labels: Type.Array(Type.Unknown()),
  definition: FindingDefinition,
  url: Type.String(),
  path: Type.String(),
  method: Type.String(),
  insertion_point: Type.String(),
  parameter: Type.String(),
  value: Type.String(),
  params: Type.Record(Type.String(), Type.Unknown()),
  assignee: Type.Null(),
  state: StringEnum(FINDING_STATES),
  severity: IntegerEnum(SEVERITIES),
  cvss_score: Type.Number(),
  cvss_vector: Type.String(),
  evidence: Type.String(),
  fix: Type.String(),
  requests: Type.Array(Type.Unknown()),
  last_found: DateTime(),
  first_found: DateTime(),
  retesting: Type.Boolean(),
  new: Type.Boolean(),
  changed: DateTime(),
  changed_by: Type.Union([User, Type.Null()]),
  comment: Type.String()
})
export type Finding = Static<typeof Finding>

export const FindingListQuery = Type.Object({
  page: Type.Optional(Type.String()),
  length: Type.Optional(Type.String()),
  scan: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])),
  severity: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])),
  state: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())]))
}, { additionalProperties: true })

/** Per-tenant choices of the test: how long each step takes, how scans end. */
const ms = (description: string, dflt: number) => Type.Integer({ minimum: 0, maximum: 366 * 86_400_000, default: dflt, description })
export const ProbelySettings = Type.Object({
  durations: Type.Object({
    queuedMs: ms('queued -> started', 1000),
    runningMs: ms('started -> its outcome (running time; a pause stops it)', 4000),
    transitionMs: ms('pausing -> paused, resuming -> started, canceling -> canceled', 1000),
    pausedMaxMs: ms('a scan paused this long is canceled (Probely: 7 days)', 7 * 86_400_000)
  }, { additionalProperties: false }),
  outcomes: Type.Object({
    default: StringEnum(OUTCOMES, { default: 'completed' }),
    targets: Type.Record(Type.String(), StringEnum(OUTCOMES), { description: 'by target id: wins over the profile' }),
    scanProfiles: Type.Record(Type.String(), StringEnum(OUTCOMES), { description: 'by scan profile id' })
  }, { additionalProperties: false })
}, { additionalProperties: false })
export type ProbelySettings = Static<typeof ProbelySettings>

export const DEFAULT_SETTINGS: ProbelySettings = {
  durations: { queuedMs: 1000, runningMs: 4000, transitionMs: 1000, pausedMaxMs: 7 * 86_400_000 },
  outcomes: { default: 'completed', targets: {}, scanProfiles: {} }
}
