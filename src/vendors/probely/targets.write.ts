import type { TObject } from '@sinclair/typebox'
import { drfValidate, MESSAGES, pyTypeName } from './drf'
import { JsonNull } from './python-json'
import { Site, type StoredTarget, type User } from './schemas'
import { flatFields, LabelWrite, SiteWrite, TargetWrite } from './targets.schemas'

/**
 * A target body read as DRF's TargetSerializer would: flat fields by drfValidate, the nested `site` as a
 * nested serializer (its errors nested under "site"), `labels` as a list serializer (one entry per item).
 * Hand-written around drfValidate because DRF's nested and list serializers shape their errors themselves.
 */

export type NestedErrors = Record<string, unknown>
type Label = StoredTarget['labels'][number]

/** What a body asks to change, already parsed. */
export interface TargetChanges {
  site?: Record<string, unknown>
  labels?: Array<{ id?: string, name?: string, color?: string }>
  type?: string
  scan_profile?: string | null
  report_fileformat?: 'pdf' | 'docx'
  environment?: string
}

export interface ReadOptions {
  /** PATCH and bulk update: nothing required */
  partial: boolean
  strict: boolean
  /** label ids of the tenant, for `{"id"}` labels */
  labelExists: (id: string) => boolean
  profileExists: (id: string) => boolean
}

const FLAT_TARGET = flatFields(TargetWrite)
const FLAT_SITE = flatFields(SiteWrite)
const BASIC_AUTH = SiteWrite.properties.basic_auth
const FLAT_LABEL = flatFields(LabelWrite)
const isDict = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof JsonNull)
const has = (o: object, k: string) => Object.hasOwn(o, k)

/** Unknown keys (STRICT=1): "Unknown field."; known read-only ones: "This field is read-only." */
function strictErrors (input: Record<string, unknown>, known: TObject, readOnly: string[], errors: NestedErrors) {
  for (const key of Object.keys(input)) {
    if (readOnly.includes(key)) errors[key] = [MESSAGES.readOnly]
    else if (!has(known.properties, key)) errors[key] = [MESSAGES.unknown]
  }
}

/** `[{name, value}]` lists of the site (headers, cookies, form_login) and its free lists. */
function readList (raw: unknown, pairs: boolean): { value?: unknown[], error?: unknown } {
  if (!Array.isArray(raw)) return { error: [MESSAGES.notAList(pyTypeName(raw))] }
  if (!pairs) return { value: raw }
  const itemErrors = raw.map(item => {
    if (!isDict(item)) return { non_field_errors: [MESSAGES.notADict(pyTypeName(item))] }
    const e: NestedErrors = {}
    for (const k of ['name', 'value']) {
      if (!has(item, k)) e[k] = [MESSAGES.required]
      else if (typeof item[k] !== 'string') e[k] = [MESSAGES.string]
    }
    return e
  })
  return itemErrors.some(e => Object.keys(e).length > 0) ? { error: itemErrors } : { value: raw }
}

function readSite (raw: unknown, options: ReadOptions): { value?: Record<string, unknown>, error?: unknown } {
  if (raw === null || raw instanceof JsonNull) return { error: [MESSAGES.null] }
  if (!isDict(raw)) return { error: { non_field_errors: [MESSAGES.notADict(pyTypeName(raw))] } }
  const flat = drfValidate(FLAT_SITE, raw, { partial: options.partial, strict: false })
  const errors: NestedErrors = { ...flat.errors }
  const value: Record<string, unknown> = { ...flat.value }
  for (const key of ['form_login', 'headers', 'cookies', 'whitelist', 'blacklist'] as const) {
    if (!has(raw, key)) continue
    const list = readList(raw[key], key !== 'whitelist' && key !== 'blacklist')
    if (list.error !== undefined) errors[key] = list.error
    else value[key] = list.value
  }
  if (has(raw, 'basic_auth')) {
    if (!isDict(raw.basic_auth)) errors.basic_auth = { non_field_errors: [MESSAGES.notADict(pyTypeName(raw.basic_auth))] }
    else {
      const auth = drfValidate(BASIC_AUTH, raw.basic_auth, { partial: true, strict: options.strict })
      if (Object.keys(auth.errors).length > 0) errors.basic_auth = auth.errors
      else value.basic_auth = auth.value
    }
  }
  if (has(raw, 'api_scan_settings')) {
    if (raw.api_scan_settings !== null && !isDict(raw.api_scan_settings)) errors.api_scan_settings = { non_field_errors: [MESSAGES.notADict(pyTypeName(raw.api_scan_settings))] }
    else value.api_scan_settings = raw.api_scan_settings
  }
  if (options.strict) strictErrors(raw, SiteWrite, Object.keys(Site.properties).filter(k => !has(SiteWrite.properties, k)), errors)
  return Object.keys(errors).length > 0 ? { error: errors } : { value }
}

function readLabels (raw: unknown, options: ReadOptions): { value?: TargetChanges['labels'], error?: unknown } {
  if (!Array.isArray(raw)) return { error: [MESSAGES.notAList(pyTypeName(raw))] }
  const items: NonNullable<TargetChanges['labels']> = []
  const itemErrors = raw.map(item => {
    if (!isDict(item)) return { non_field_errors: [MESSAGES.notADict(pyTypeName(item))] }
    const parsed = drfValidate(FLAT_LABEL, item, { partial: true, strict: options.strict })
    const e: NestedErrors = { ...parsed.errors }
    const label = parsed.value as { id?: string, name?: string, color?: string }
    if (label.id !== undefined && !options.labelExists(label.id)) e.id = [MESSAGES.pk(label.id)]
    if (label.id === undefined && label.name === undefined && e.name === undefined) e.name = [MESSAGES.required]
    items.push(label)
    return e
  })
  return itemErrors.some(e => Object.keys(e).length > 0) ? { error: itemErrors } : { value: items }
}

/** The changes a target body asks for, or DRF's errors (nothing is written when there is one). */
export function readTargetBody (body: unknown, options: ReadOptions): { changes: TargetChanges } | { errors: NestedErrors } {
  const top = drfValidate(FLAT_TARGET, body, { partial: options.partial, strict: false })
  if (top.errors.non_field_errors !== undefined) return { errors: top.errors }
  const input = (isDict(body) ? body : {}) as Record<string, unknown>
  const errors: NestedErrors = { ...top.errors }
  const changes = { ...top.value } as TargetChanges
  if (!has(input, 'site')) {
    if (!options.partial) errors.site = [MESSAGES.required]
  } else {
    const site = readSite(input.site, options)
    if (site.error !== undefined) errors.site = site.error
    else changes.site = site.value
  }
  if (has(input, 'labels')) {
    const labels = readLabels(input.labels, options)
    if (labels.error !== undefined) errors.labels = labels.error
    else changes.labels = labels.value
  }
  if (changes.scan_profile != null && !options.profileExists(changes.scan_profile)) errors.scan_profile = [MESSAGES.pk(changes.scan_profile)]
  if (options.strict) {
    const readOnly = Object.keys(TargetWrite.properties).filter(k => (TargetWrite.properties as Record<string, { readOnly?: boolean }>)[k].readOnly)
    strictErrors(input, TargetWrite, readOnly, errors)
  }
  return Object.keys(errors).length > 0 ? { errors } : { changes }
}

export interface WriteContext {
  now: string
  user: User
  newId: () => string
  /** a label of the tenant by id (labels are shared across its targets) */
  findLabel: (id: string) => Label | undefined
}

const hostOf = (url: string) => { try { return new URL(url).hostname } catch { return '' } }

/** The target after `changes`: `site` patched field by field, `name` following `site.name`, both stamped. */
export function applyTargetChanges (current: StoredTarget, changes: TargetChanges, ctx: WriteContext): StoredTarget {
  const stamp = { changed: ctx.now, changed_by: ctx.user }
  const { site: siteChanges, labels, ...flat } = changes
  const next: StoredTarget = { ...current, ...(flat as Partial<StoredTarget>), ...stamp }
  if (siteChanges !== undefined) {
    const { basic_auth: auth, api_scan_settings: api, ...rest } = siteChanges as Record<string, unknown> & { basic_auth?: object, api_scan_settings?: object | null }
    next.site = {
      ...current.site,
      ...(rest as Partial<StoredTarget['site']>),
      basic_auth: { ...current.site.basic_auth, ...auth },
      api_scan_settings: { ...current.site.api_scan_settings, ...(api ?? {}) },
      ...stamp
    }
    if (typeof rest.url === 'string') next.site.host = hostOf(rest.url)
    next.name = next.site.name
  }
  if (labels !== undefined) {
    next.labels = labels.map(l => (l.id !== undefined ? ctx.findLabel(l.id) : undefined) ??
      { id: ctx.newId(), name: l.name ?? '', color: l.color ?? '', changed: ctx.now, changed_by: ctx.user })
  }
  return next
}
