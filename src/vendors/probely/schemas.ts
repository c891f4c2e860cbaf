import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { DateTime, IntegerEnum, Nullable, StringEnum } from '../../schema-helpers'

/** Probely's own schemas, field for field from the vendor page (shared/vendor-docs). */

const Id = (description = 'A unique Base58 value identifying this object.') => Type.String({ description })
const NameValue = Type.Object({ name: Type.String(), value: Type.String() })

export const User = Type.Object({
  id: Id(),
  email: Type.String({ maxLength: 254, description: 'Email of the user.' }),
  name: Type.String({ maxLength: 60, description: 'Name of the user.' })
}, { description: 'User who last made changes.' })
export type User = Static<typeof User>

export const BlackoutPeriod = Type.Object({
  // null while no window is set: the SDK's model takes a time or null, never "" (recorded real answers)
  begin: Nullable(Type.String({ description: 'Time of when the blackout period starts, in ISO 8601 UTC format. For example, "13:27".' })),
  cease: Nullable(Type.String({ description: 'Time of when the blackout period ceases, in ISO 8601 UTC format. For example, "13:27".' })),
  weekdays: Type.Array(Type.Integer()),
  enabled: Type.Boolean({ description: 'If true, the blackout period is enabled.' }),
  timezone: Type.String({ maxLength: 64 }),
  changed: DateTime({ description: 'Date and time of the last change, in ISO 8601 UTC format.' }),
  changed_by: User
}, { description: 'Time window during which scans are temporarily interrupted.' })
export type BlackoutPeriod = Static<typeof BlackoutPeriod>

export const VERIFICATION_METHODS = ['file', 'back_office', 'existing_domain', 'dns_txt', 'dns', 'dns_cname', 'meta_tag',
  'whitelist', 'email', 'aws_route53', 'cloudflare', 'waved'] as const

export const ApiScanSettings = Type.Object({
  api_schema_type: StringEnum(['openapi', 'postman'], { description: 'Type of schema that defines the API.' }),
  // a URL or null (the SDK's model refuses "")
  api_schema_url: Nullable(Type.String()),
  api_schema_file: Type.String(),
  custom_api_parameters: Type.Array(NameValue),
  media_type: StringEnum(['application/json', 'application/x-www-form-urlencoded'], { description: 'Format of the payload.' }),
  api_login_url: Type.String({ maxLength: 2048, description: 'URL to make the authentication request to the API.' }),
  api_login_payload: Type.String({ maxLength: 4096, description: 'Payload to send in the authentication request.' }),
  api_login_enabled: Type.Boolean(),
  api_login_token_field: Type.String({ maxLength: 256, description: 'Field containing the authentication token in the response to the authentication request.' }),
  token_prefix: Type.String({ maxLength: 16, description: 'Prefix to add to the authentication token. For example, "Bearer" or "JWT".' }),
  token_parameter_name: Type.String({ maxLength: 256, description: 'Parameter name to send the authentication token. For example, "Authorization".' }),
  token_parameter_location: StringEnum(['cookie', 'header'], { description: 'Where to send the parameter name with the authentication token and the prefix.' })
}, { description: 'Scanning settings if the target is an API.' })

export const Site = Type.Object({
  id: Id(),
  name: Type.String({ maxLength: 255, description: 'Name of the target or extra host.' }),
  desc: Type.String({ description: 'Description of the target.' }),
  url: Type.String({ description: 'URL of the target.' }),
  host: Type.String({ description: 'Hostname of the target.' }),
  has_form_login: Type.Boolean({ description: 'If true, the target authentication is done through a login form.' }),
  form_login_url: Type.String({ description: 'URL of the login form of the target.' }),
  form_login_check_pattern: Type.String({ maxLength: 255, description: 'Pattern to check a successful login.' }),
  form_login: Type.Array(NameValue, { description: 'Field and value pairs to fill the login form.' }),
  logout_detection_enabled: Type.Boolean({ description: 'If true, detects any undesired logouts that may occur during scans to log back in.' }),
  has_sequence_login: Type.Boolean({ description: 'If true, the target authentication is done through a recorded login sequence.' }),
  has_sequence_navigation: Type.Boolean(),
  has_basic_auth: Type.Boolean({ description: 'If true, the target authentication is done through username and password credentials.' }),
  basic_auth: Type.Object({ username: Type.String({ maxLength: 255 }), password: Type.String({ maxLength: 255 }) },
    { description: 'Username and password credentials for the basic auth.' }),
  headers: Type.Array(NameValue, { description: 'Custom headers to send.' }),
  cookies: Type.Array(NameValue, { description: 'Custom cookies to send.' }),
  whitelist: Type.Unknown({ description: 'Additional paths to crawl and scan.' }),
  blacklist: Type.Unknown({ description: 'URLs to avoid scanning.' }),
  changed: DateTime({ description: 'Date and time of the last change, in ISO 8601 UTC format.' }),
  changed_by: User,
  auth_enabled: Type.Boolean({ description: 'If true, the target has authentication.' }),
  logout_condition: StringEnum(['any', 'all'], { description: 'Type of combination of the logout conditions.' }),
  check_session_url: Type.String({ description: 'URL to check session.' }),
  has_otp: Type.Boolean({ description: 'If true, the target has two-factor authentication (2FA).' }),
  otp_secret: Type.String(),
  otp_algorithm: StringEnum(['SHA1', 'SHA256', 'SHA512'], { default: 'SHA1', description: 'Secure hash algorithm (SHA) to generate the one-time password (OTP).' }),
  otp_digits: IntegerEnum([6, 7, 8], { default: 6, description: 'Number of digits of the one-time password (OTP).' }),
  otp_field: Type.String(),
  otp_submit: Type.String(),
  otp_login_sequence_totp_value: Type.String(),
  otp_type: Type.String(),
  otp_url: Type.String(),
  stack: Type.Array(Type.Object({ id: Id(), name: Type.String({ maxLength: 255 }), desc: Type.String() }),
    { description: 'Technologies identified in the target during scans.' }),
  verified: Type.Boolean({ description: 'If true, the domain is verified. Read-only.' }),
  verification_token: Type.String({ description: 'Token used to verify the domain. Read-only.' }),
  verification_date: Type.Union([DateTime(), Type.Null()], { description: 'Date and time of the verification of the domain. Read-only.' }),
  verification_method: Type.Union([StringEnum(VERIFICATION_METHODS), Type.Null()], { description: 'Method used in the domain verification.' }),
  verification_last_error: Type.String({ description: 'Error of the last verification of the domain. Read-only.' }),
  api_scan_settings: ApiScanSettings
}, { description: 'Core settings of the target.' })
export type Site = Static<typeof Site>

export const Label = Type.Object({
  id: Id(),
  name: Type.String({ maxLength: 255, description: 'Name of the label.' }),
  color: Type.String({ pattern: '^[a-zA-Z0-9#_-]*$', description: 'Color of the label, in RGB hexadecimal format prefixed with "#".' }),
  changed_by: User,
  changed: DateTime()
})

export const ScanningAgent = Type.Object({
  id: Id(),
  name: Type.String({ maxLength: 255 }),
  installer_generated: Type.Boolean(),
  online: Type.Boolean(),
  fallback: Type.Boolean(),
  rx_bytes: Type.Integer(),
  tx_bytes: Type.Integer(),
  latest_handshake: Type.Integer()
})

/** The target as nested in a scheduled scan: exactly the vendor page's example fields. */
const nestedTargetFields = {
  id: Id(),
  site: Site,
  type: Type.String({ description: 'Type of target. Possible values are "single" for a web application and "api" for an API.' }),
  labels: Type.Array(Label),
  has_assets: Type.Boolean(),
  report_fileformat: StringEnum(['pdf', 'docx'], { description: 'Report format for the target.' }),
  scanning_agent: Type.Union([ScanningAgent, Type.Null()]),
  teams: Type.Array(Type.Object({ id: Id(), name: Type.String() })),
  blackout_period: BlackoutPeriod
}
export const NestedTarget = Type.Object(nestedTargetFields, { description: 'The target of the scheduled scan.' })
export type NestedTarget = Static<typeof NestedTarget>

/** The next scheduled scan of a target, as `GET /targets/` shows it. */
export const NextScan = Type.Object({
  id: Id(),
  date_time: DateTime(),
  recurrence: Type.String(),
  timezone: Type.String()
})

/** The stored target: everything `GET /targets/:id/` shows except the derived `next_scan`. */
export const StoredTarget = Type.Object({
  ...nestedTargetFields,
  name: Type.String({ maxLength: 255, description: 'Name of the target.' }),
  lows: Type.Integer(),
  mediums: Type.Integer(),
  highs: Type.Integer(),
  risk: Type.Union([Type.Integer(), Type.Null()]),
  last_scan: Type.Unknown(),
  running_scan: Type.Unknown(),
  assets: Type.Array(Type.Unknown()),
  scan_profile: Type.Union([Type.String(), Type.Null()]),
  enabled: Type.Boolean(),
  environment: Type.String(),
  allowed_scan_profiles: Type.Array(Type.String()),
  changed: DateTime(),
  changed_by: User
})
export type StoredTarget = Static<typeof StoredTarget>

export const Target = Type.Object({ ...StoredTarget.properties, next_scan: Type.Union([NextScan, Type.Null()]) })
export type Target = Static<typeof Target>

export const ScanProfile = Type.Object({
  id: Id(),
  name: Type.String({ maxLength: 255 }),
  description: Type.String(),
  builtin: Type.Boolean()
})
export type ScanProfile = Static<typeof ScanProfile>

export const RECURRENCES = ['h', 'd', 'w', 'm', 'q', ''] as const
export const WEEK_INDEXES = ['first', 'second', 'third', 'fourth', 'last', ''] as const
export const DAYS_OF_WEEK = [1, 2, 3, 4, 5, 6, 7] as const

/** The writable fields of a scheduled scan, with the vendor page's descriptions. */
const writableFields = {
  date_time: DateTime({ 'x-drf-required': true, description: 'Date and time of next scan scheduled.' }),
  recurrence: StringEnum(RECURRENCES, { description: 'Scheduled scan recurrence.' }),
  timezone: Type.String({ maxLength: 64, format: 'iana-timezone', description: 'Timezone to use for scheduled scan timestamp.' }),
  run_on_day_of_week: Type.Boolean({ description: 'Schedule scan to run on specific monthly day of week (for monthly/quarterly recurrence).' }),
  scheduled_day_of_week: Nullable(IntegerEnum(DAYS_OF_WEEK, { minimum: -2147483648, maximum: 2147483647, description: 'Day of week to run scan on - monday to sunday (for run on day of week option).' })),
  week_index: Nullable(StringEnum(WEEK_INDEXES, { description: 'Which week of the month to run scan on (with run_on_day_of_week enabled).' })),
  partial_scan: Type.Boolean({ description: 'Future scans set as partial scans, use in conjunction with incremental and reduced_scope.' }),
  override_target_settings: Type.Boolean({ description: "Override scan target's scan settings, use in conjunction with override_target_settings." }),
  incremental: Type.Boolean({ description: 'Future scans set to incremental, use in conjunction with partial_scan and override_target_settings.' }),
  reduced_scope: Type.Boolean({ description: 'Future scans set as reduced scope, use in conjunction with partial_scan and override_target_settings.' }),
  scan_profile: Nullable(Type.String({ 'x-drf-field': 'PrimaryKeyRelatedField', description: 'Scan profile to use. Use the endpoint List Scan Profiles to get all the available scan profiles. If no scan profile is specified, the scan profile will be the one specified in the target settings.' }))
}

/** Sent by clients but never written: DRF ignores them (STRICT=1 reports them). */
const readOnly = <T extends TSchema>(s: T) => ({ ...s, readOnly: true }) as T
const readOnlyFields = {
  id: readOnly(Id()),
  target: readOnly(Type.Unknown()),
  changed: readOnly(DateTime()),
  changed_by: readOnly(Type.Unknown()),
  blackout_period: readOnly(Type.Unknown()),
  unlimited: readOnly(Type.Unknown())
}

export const ScheduledScanPatch = Type.Partial(Type.Object({ ...writableFields, ...readOnlyFields }))
export type ScheduledScanPatch = Static<typeof ScheduledScanPatch>
/**
 * Create (POST) and full update (PUT): `date_time` is required, the rest as in PATCH. Written out rather than
 * composed: Type.Composite turns a key present on both sides into an allOf, which loses date_time's format
 * (and with it DRF's DateTimeField).
 */
const { date_time: _dateTime, ...optionalOnCreate } = ScheduledScanPatch.properties
export const ScheduledScanCreate = Type.Object({ date_time: writableFields.date_time, ...optionalOnCreate })

export const ScheduledScan = Type.Object({
  id: Id(),
  target: NestedTarget,
  date_time: DateTime({ description: 'Date and time of next scan scheduled.' }),
  recurrence: writableFields.recurrence,
  changed: DateTime({ description: 'Date and time of the last change, in ISO 8601 UTC format.' }),
  changed_by: User,
  blackout_period: BlackoutPeriod,
  timezone: Type.String({ maxLength: 64, description: 'Timezone to use for scheduled scan timestamp.' }),
  run_on_day_of_week: writableFields.run_on_day_of_week,
  scheduled_day_of_week: writableFields.scheduled_day_of_week,
  week_index: writableFields.week_index,
  partial_scan: writableFields.partial_scan,
  override_target_settings: writableFields.override_target_settings,
  incremental: writableFields.incremental,
  reduced_scope: writableFields.reduced_scope,
  scan_profile: writableFields.scan_profile,
  unlimited: Type.String()
})
export type ScheduledScan = Static<typeof ScheduledScan>

export const Page = <T extends TSchema>(item: T) => Type.Object({
  count: Type.Integer(),
  page_total: Type.Integer(),
  page: Type.Integer(),
  length: Type.Integer(),
  results: Type.Array(item)
})
export const PageQuery = Type.Object({
  page: Type.Optional(Type.String({ description: 'Page number, from 1.' })),
  length: Type.Optional(Type.String({ description: 'Results per page (default 10).' })),
  include: Type.Optional(Type.String({ description: 'Accepted for compatibility (e.g. include=compliance).' }))
}, { additionalProperties: true })

export const Detail = Type.Object({ detail: Type.String() })
export const FieldErrors = Type.Record(Type.String(), Type.Array(Type.String()), {
  description: 'Errors by field name; `non_field_errors` for errors not related to any specific field.'
})

export const TargetParams = Type.Object({ target_id: Type.String({ description: 'Identifier of the target.' }) })
export const ScheduledScanParams = Type.Object({
  target_id: Type.String({ description: 'Identifier of the target.' }),
  id: Type.String({ description: 'Identifier of the scheduled scan.' })
})
export const TargetIdParams = Type.Object({ id: Type.String({ description: 'Identifier of the target.' }) })
