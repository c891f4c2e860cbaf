/**
 * The Probely SDK's (probely-python) rules for what it reads, as shared/docs/probely-clients.md lists them, so a
 * test can check answers without Python. Each check returns the problems found (empty: the SDK takes it).
 */

/**
 * email-validator's SPECIAL_USE_DOMAIN_NAMES (JoshData/python-email-validator, email_validator/__init__.py):
 * an address on one of these, or on a subdomain of one, is refused. "example" and example.com/net/org are not
 * in the list (RFC 6761 says they should not be treated as special), so they pass.
 */
export const SPECIAL_USE_DOMAINS = ['arpa', 'invalid', 'local', 'localhost', 'onion', 'test']

/** email-validator's syntax rules in their main lines (no deliverability check, as pydantic's EmailStr). */
export function emailValidatorAccepts (email: string): boolean {
  const at = email.lastIndexOf('@')
  if (at <= 0 || at === email.length - 1) return false
  const local = email.slice(0, at)
  const domain = email.slice(at + 1).toLowerCase()
  if (local.length > 64 || !/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/.test(local)) return false
  const labels = domain.split('.')
  if (labels.length < 2) return false // a domain must have a period
  if (!labels.every(l => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(l))) return false
  if (/^\d+$/.test(labels[labels.length - 1])) return false // the TLD cannot be all digits
  return !SPECIAL_USE_DOMAINS.some(d => domain === d || domain.endsWith(`.${d}`))
}

const isAbsoluteUrl = (v: unknown) => {
  if (typeof v !== 'string') return false
  try { const u = new URL(v); return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '' } catch { return false }
}
const ZONED = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,6})?)?(Z|[+-]\d\d:\d\d)$/
const TIME_OR_NULL = (v: unknown) => v === null || (typeof v === 'string' && /^\d\d:\d\d(:\d\d)?$/.test(v))

type Json = Record<string, any>

function user (where: string, u: unknown, problems: string[]) {
  if (u === null) return
  const v = u as Json
  if (typeof v?.id !== 'string') problems.push(`${where}.id is not a string`)
  if (typeof v?.email !== 'string' || !emailValidatorAccepts(v.email)) problems.push(`${where}.email ${JSON.stringify(v?.email)} is refused by email-validator`)
}

function zoned (where: string, v: unknown, problems: string[], nullable = true) {
  if (v === null && nullable) return
  if (typeof v !== 'string' || !ZONED.test(v)) problems.push(`${where} ${JSON.stringify(v)} is not a timestamp with a time zone`)
}

export const SITE_FIELDS = ['id', 'name', 'desc', 'url', 'host', 'has_form_login', 'form_login_url', 'form_login_check_pattern',
  'form_login', 'logout_detection_enabled', 'has_sequence_login', 'has_sequence_navigation', 'has_basic_auth', 'basic_auth', 'headers',
  'cookies', 'whitelist', 'blacklist', 'changed', 'changed_by', 'auth_enabled', 'logout_condition', 'check_session_url', 'has_otp',
  'otp_secret', 'otp_algorithm', 'otp_digits', 'otp_field', 'otp_submit', 'otp_login_sequence_totp_value', 'otp_type', 'otp_url',
  'stack', 'verified', 'verification_token', 'verification_date', 'verification_method', 'verification_last_error', 'api_scan_settings']

/** A target as nested in a finding or scan, or as a target answer: complete, as the SDK's model needs it. */
export function targetProblems (where: string, target: Json, problems: string[] = []): string[] {
  if (typeof target?.id !== 'string') problems.push(`${where}.id is not a string`)
  if (typeof target?.name !== 'string') problems.push(`${where}.name is missing`)
  if (!Array.isArray(target?.labels)) problems.push(`${where}.labels is not a list`)
  for (const [i, l] of (target?.labels ?? []).entries()) { user(`${where}.labels[${i}].changed_by`, l.changed_by, problems); zoned(`${where}.labels[${i}].changed`, l.changed, problems) }
  const site = target?.site as Json
  for (const f of SITE_FIELDS) if (!(f in (site ?? {}))) problems.push(`${where}.site.${f} is missing`)
  if (site) {
    if (!isAbsoluteUrl(site.url)) problems.push(`${where}.site.url ${JSON.stringify(site.url)} is not a URL`)
    for (const f of ['whitelist', 'blacklist']) if (!Array.isArray(site[f])) problems.push(`${where}.site.${f} is not a list`)
    if (!['totp', 'other'].includes(site.otp_type)) problems.push(`${where}.site.otp_type ${JSON.stringify(site.otp_type)} is not totp or other`)
    const api = site.api_scan_settings
    if (api !== null && api.api_schema_url !== null && !isAbsoluteUrl(api.api_schema_url)) problems.push(`${where}.site.api_scan_settings.api_schema_url ${JSON.stringify(api.api_schema_url)} is neither a URL nor null`)
    user(`${where}.site.changed_by`, site.changed_by, problems)
    zoned(`${where}.site.changed`, site.changed, problems)
  }
  const blackout = target?.blackout_period
  if (blackout !== null && blackout !== undefined) {
    for (const f of ['begin', 'cease']) if (!TIME_OR_NULL(blackout[f])) problems.push(`${where}.blackout_period.${f} ${JSON.stringify(blackout[f])} is neither a time nor null`)
    user(`${where}.blackout_period.changed_by`, blackout.changed_by, problems)
  }
  if ('changed_by' in target) user(`${where}.changed_by`, target.changed_by, problems)
  if ('changed' in target) zoned(`${where}.changed`, target.changed, problems)
  return problems
}

export function findingProblems (where: string, finding: Json): string[] {
  const problems: string[] = []
  if (!Number.isInteger(finding?.id)) problems.push(`${where}.id is not an integer`)
  if (!isAbsoluteUrl(finding?.path)) problems.push(`${where}.path ${JSON.stringify(finding?.path)} is not an absolute URL`)
  if (!isAbsoluteUrl(finding?.url)) problems.push(`${where}.url is not a URL`)
  if (![10, 20, 30].includes(finding?.severity)) problems.push(`${where}.severity is not 10, 20 or 30`)
  for (const f of ['first_found', 'last_found', 'changed']) zoned(`${where}.${f}`, finding?.[f], problems, false)
  if (finding?.changed_by !== null) user(`${where}.changed_by`, finding?.changed_by, problems)
  targetProblems(`${where}.target`, finding?.target, problems)
  return problems
}

/** The SDK's scan statuses (its list lacks completed_with_errors: probely-scans.md's open question). */
const SDK_SCAN_STATUSES = ['queued', 'started', 'finishing_up', 'under_review', 'completed', 'completed_with_errors', 'failed',
  'pausing', 'paused', 'resuming', 'canceling', 'canceled']

export function scanProblems (where: string, scan: Json): string[] {
  const problems: string[] = []
  if (typeof scan?.id !== 'string') problems.push(`${where}.id is not a string`)
  if (!SDK_SCAN_STATUSES.includes(scan?.status)) problems.push(`${where}.status ${JSON.stringify(scan?.status)} is unknown`)
  for (const f of ['lows', 'mediums', 'highs']) if (!Number.isInteger(scan?.[f])) problems.push(`${where}.${f} is not an integer`)
  for (const f of ['created', 'started', 'completed', 'changed']) zoned(`${where}.${f}`, scan?.[f], problems, f !== 'created' && f !== 'changed')
  user(`${where}.changed_by`, scan?.changed_by, problems)
  targetProblems(`${where}.target`, scan?.target, problems)
  return problems
}

/** A page as the SDK pages through it: `page_total` an integer (else it crashes). */
export function pageProblems (where: string, page: Json): string[] {
  const problems: string[] = []
  for (const f of ['count', 'page_total', 'page', 'length']) if (!Number.isInteger(page?.[f])) problems.push(`${where}.${f} is not an integer`)
  if (!Array.isArray(page?.results)) problems.push(`${where}.results is not a list`)
  return problems
}
