import { Type, type TObject, type TSchema } from '@sinclair/typebox'
import { IntegerEnum, Nullable, StringEnum } from '../../schema-helpers'

/**
 * What a client may write of a target (POST, PUT, PATCH, bulk update), declared once: the body schema of the
 * OpenAPI document and, through drfValidate, DRF's parsing of each flat field. Lists and nested objects
 * (`site`, `labels`, `headers`, `basic_auth`, ...) are read in targets.write.ts.
 */

const text = (maxLength?: number, description?: string) =>
  Type.String({ 'x-drf-allow-blank': true, ...(maxLength === undefined ? {} : { maxLength }), ...(description ? { description } : {}) })
const NameValue = Type.Object({ name: Type.String(), value: Type.String() })

/** The site's writable fields; `url` is required on create and on a full update. */
export const SiteWrite = Type.Partial(Type.Object({
  name: text(255, 'Name of the target.'),
  desc: text(undefined, 'Description of the target.'),
  url: Type.String({ format: 'uri', 'x-drf-required': true, description: 'URL of the target.' }),
  has_form_login: Type.Boolean(),
  form_login_url: text(),
  form_login_check_pattern: text(255),
  form_login: Type.Array(NameValue),
  logout_detection_enabled: Type.Boolean(),
  has_sequence_login: Type.Boolean(),
  has_sequence_navigation: Type.Boolean(),
  has_basic_auth: Type.Boolean(),
  basic_auth: Type.Object({ username: text(255), password: text(255) }),
  headers: Type.Array(NameValue),
  cookies: Type.Array(NameValue),
  whitelist: Type.Array(Type.Unknown(), { description: 'Additional paths to crawl and scan.' }),
  blacklist: Type.Array(Type.Unknown(), { description: 'URLs to avoid scanning.' }),
  auth_enabled: Type.Boolean(),
  logout_condition: StringEnum(['any', 'all']),
  check_session_url: text(),
  has_otp: Type.Boolean(),
  otp_secret: text(),
  otp_algorithm: StringEnum(['SHA1', 'SHA256', 'SHA512']),
  otp_digits: IntegerEnum([6, 7, 8]),
  otp_field: text(),
  otp_submit: text(),
  otp_login_sequence_totp_value: text(),
  otp_type: StringEnum(['totp', 'other']),
  otp_url: text(),
  api_scan_settings: Type.Object({}, { additionalProperties: true, description: 'Merged into the stored settings, key by key.' })
}))

/** A label as written: an existing label by `id`, or a new one by `name` (and `color`). */
export const LabelWrite = Type.Object({
  id: Type.Optional(Type.String()),
  name: Type.Optional(Type.String({ maxLength: 255 })),
  color: Type.Optional(Type.String())
})

const readOnly = <T extends TSchema>(s: T) => ({ ...s, readOnly: true }) as T

export const TargetWrite = Type.Object({
  site: Type.Object(SiteWrite.properties, { 'x-drf-required': true, description: 'Patched field by field (PATCH and PUT alike); `url` required on create.' }),
  type: StringEnum(['single', 'api'], { description: 'Type of target: "single" for a web application, "api" for an API.' }),
  labels: Type.Array(LabelWrite, { description: 'Replaces the labels: each `{"id"}` of an existing label or `{"name", "color"?}`.' }),
  scan_profile: Nullable(Type.String({ 'x-drf-field': 'PrimaryKeyRelatedField', description: 'Default scan profile of the target.' })),
  report_fileformat: StringEnum(['pdf', 'docx']),
  environment: text(64),
  // sent back by clients that PUT what they read: ignored (STRICT=1 reports them)
  id: readOnly(Type.String()),
  name: readOnly(Type.String()),
  lows: readOnly(Type.Unknown()),
  mediums: readOnly(Type.Unknown()),
  highs: readOnly(Type.Unknown()),
  risk: readOnly(Type.Unknown()),
  last_scan: readOnly(Type.Unknown()),
  running_scan: readOnly(Type.Unknown()),
  next_scan: readOnly(Type.Unknown()),
  assets: readOnly(Type.Unknown()),
  has_assets: readOnly(Type.Unknown()),
  scanning_agent: readOnly(Type.Unknown()),
  teams: readOnly(Type.Unknown()),
  blackout_period: readOnly(Type.Unknown()),
  enabled: readOnly(Type.Unknown()),
  allowed_scan_profiles: readOnly(Type.Unknown()),
  changed: readOnly(Type.Unknown()),
  changed_by: readOnly(Type.Unknown())
}, { description: 'A target as written.' })

export const TargetCreate = Type.Object({ ...Type.Partial(TargetWrite).properties, site: TargetWrite.properties.site }, { description: 'A new target: `site.url` required.' })
export const TargetPatch = Type.Partial(TargetWrite, { description: 'Fields sent replace the stored ones; `site` is patched field by field.' })

export const TargetQuery = Type.Object({
  duplicate_check: Type.Optional(Type.String({ description: 'Accepted (the SDK sends False); scanstub never refuses a duplicate URL.' })),
  skip_reachability_check: Type.Optional(Type.String({ description: 'Accepted; scanstub never checks that the URL answers.' }))
}, { additionalProperties: true })

export const BulkIds = Type.Object({ ids: Type.Array(Type.String()) })
export const TargetBulkUpdate = Type.Object({ ...BulkIds.properties, ...TargetPatch.properties }, { description: '`ids` and the fields to write on each.' })

/** The flat fields of an object schema (what drfValidate parses); lists and objects are read by hand. */
export function flatFields (schema: TObject): TObject {
  const flat = Object.fromEntries(Object.entries(schema.properties).filter(([, s]) => {
    const type = (s as { type?: unknown }).type
    return type !== 'array' && type !== 'object'
  }))
  return Type.Partial(Type.Object(flat))
}
