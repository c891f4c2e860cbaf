import type { TObject } from '@sinclair/typebox'
import { parseDrfDateTime } from './datetime'
import { isIanaTimezone } from './timezones'

/**
 * Django REST Framework's field parsing, driven by our TypeBox schemas so the schema stays the one source:
 * a property's `type`, `enum`, `format`, `maxLength`, `readOnly` and nullability pick the DRF field class
 * (BooleanField, IntegerField with choices, ChoiceField, CharField, DateTimeField) and its messages.
 */

export const MESSAGES = {
  required: 'This field is required.',
  null: 'This field may not be null.',
  blank: 'This field may not be blank.',
  boolean: 'Must be a valid boolean.',
  integer: 'A valid integer is required.',
  string: 'Not a valid string.',
  choice: (input: unknown) => `"${pyStr(input)}" is not a valid choice.`,
  maxLength: (n: number) => `Ensure this field has no more than ${n} characters.`,
  dateTime: 'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].',
  pk: (input: unknown) => `Invalid pk "${pyStr(input)}" - object does not exist.`,
  readOnly: 'This field is read-only.',
  unknown: 'Unknown field.',
  notADict: (type: string) => `Invalid data. Expected a dictionary, but got ${type}.`
} as const

const TRUE_VALUES = new Set<unknown>(['t', 'T', 'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON', '1', 1, true])
const FALSE_VALUES = new Set<unknown>(['f', 'F', 'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF', '0', 0, false])

/** Marks a body that came from a form (urlencoded or multipart): DRF reads '' as null for nullable fields there. */
export const FORM_INPUT = Symbol('scanstub.formInput')

export type FieldErrors = Record<string, string[]>

export interface DrfResult {
  value: Record<string, unknown>
  errors: FieldErrors
}

interface PropertySchema {
  type?: string | string[]
  enum?: unknown[]
  format?: string
  maxLength?: number
  readOnly?: boolean
}

/** Python's str() of a JSON value, as DRF puts it into messages. */
export function pyStr (value: unknown): string {
  if (value === true) return 'True'
  if (value === false) return 'False'
  if (value === null) return 'None'
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`
  if (typeof value === 'object') return `{${Object.entries(value as object).map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ')}}`
  return String(value)
}
function pyRepr (value: unknown): string {
  return typeof value === 'string' ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : pyStr(value)
}

function pyTypeName (value: unknown): string {
  if (Array.isArray(value)) return 'list'
  if (value === null) return 'NoneType'
  return ({ string: 'str', number: Number.isInteger(value) ? 'int' : 'float', boolean: 'bool' } as Record<string, string>)[typeof value] ?? 'object'
}

const baseType = (s: PropertySchema) => Array.isArray(s.type) ? s.type.find(t => t !== 'null') : s.type
const isNullable = (s: PropertySchema) => Array.isArray(s.type) && s.type.includes('null')

type Parsed = { ok: true, value: unknown } | { ok: false, message: string }
const ok = (value: unknown): Parsed => ({ ok: true, value })
const fail = (message: string): Parsed => ({ ok: false, message })

function parseInteger (raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isInteger(raw) ? raw : null
  if (typeof raw !== 'string' || raw.length > 1000) return null
  const text = raw.replace(/\.0*\s*$/, '') // DRF's re_decimal: "3.0" is 3
  return /^\s*[+-]?\d+(?:_\d+)*\s*$/.test(text) ? Number.parseInt(text.replace(/_/g, ''), 10) : null
}

/** One field's to_internal_value plus its validators. */
function parseField (schema: PropertySchema, raw: unknown): Parsed {
  const type = baseType(schema)
  if (type === 'boolean') {
    if (TRUE_VALUES.has(raw)) return ok(true)
    if (FALSE_VALUES.has(raw)) return ok(false)
    return fail(MESSAGES.boolean)
  }
  if (type === 'integer') {
    const n = typeof raw === 'boolean' ? null : parseInteger(raw)
    if (n === null) return fail(MESSAGES.integer)
    if (schema.enum && !schema.enum.includes(n)) return fail(MESSAGES.choice(raw))
    return ok(n)
  }
  // strings: ChoiceField when there is an enum, else CharField (which takes numbers as their text)
  if (schema.enum) {
    const match = schema.enum.find(c => c !== null && String(c) === pyStr(raw))
    return match === undefined ? fail(MESSAGES.choice(raw)) : ok(match)
  }
  if (schema.format === 'date-time') {
    const parsed = typeof raw === 'string' ? parseDrfDateTime(raw) : null
    return parsed === null ? fail(MESSAGES.dateTime) : ok(parsed)
  }
  if (typeof raw === 'boolean' || (typeof raw !== 'string' && typeof raw !== 'number')) return fail(MESSAGES.string)
  const text = String(raw).trim()
  if (text === '') return fail(MESSAGES.blank)
  if (schema.maxLength !== undefined && [...text].length > schema.maxLength) return fail(MESSAGES.maxLength(schema.maxLength))
  if (schema.format === 'iana-timezone' && !isIanaTimezone(text)) return fail(MESSAGES.choice(text))
  return ok(text)
}

export interface DrfOptions {
  /** PATCH: fields not sent are left alone; POST: `required` fields must be there */
  partial: boolean
  /** STRICT=1: unknown and read-only fields are errors instead of ignored */
  strict: boolean
}

/**
 * Validates `data` against an object schema as a DRF serializer would: every field checked, all errors
 * returned together keyed by field, read-only and unknown fields dropped.
 */
export function drfValidate (schema: TObject, data: unknown, options: DrfOptions): DrfResult {
  if (data === undefined || data === null) data = {}
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { value: {}, errors: { non_field_errors: [MESSAGES.notADict(pyTypeName(data))] } }
  }
  const input = data as Record<string | symbol, unknown>
  const fromForm = input[FORM_INPUT] === true
  const properties = schema.properties as Record<string, PropertySchema>
  const required = new Set(schema.required ?? [])
  const value: Record<string, unknown> = {}
  const errors: FieldErrors = {}
  for (const [name, field] of Object.entries(properties)) {
    const present = Object.hasOwn(input, name)
    if (field.readOnly) {
      if (present && options.strict) errors[name] = [MESSAGES.readOnly]
      continue
    }
    if (!present) {
      if (!options.partial && required.has(name)) errors[name] = [MESSAGES.required]
      continue
    }
    let raw = input[name]
    const nullable = isNullable(field)
    const allowBlank = field.enum?.includes('') ?? false
    if (fromForm && raw === '' && nullable && !allowBlank) raw = null
    if (raw === null) {
      if (nullable) value[name] = null
      else errors[name] = [MESSAGES.null]
      continue
    }
    const parsed = parseField(field, raw)
    if (parsed.ok) value[name] = parsed.value
    else errors[name] = [parsed.message]
  }
  if (options.strict) {
    for (const name of Object.keys(input)) {
      if (!Object.hasOwn(properties, name)) errors[name] = [MESSAGES.unknown]
    }
  }
  return { value, errors }
}
