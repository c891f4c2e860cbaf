import type { TObject } from '@sinclair/typebox'
import { readDrfDateTime } from './datetime'
import { JsonNull, PyFloat } from './python-json'
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
  nullCharacters: 'Null characters are not allowed.',
  surrogate: (codePoint: number) => `Surrogate characters are not allowed: U+${codePoint.toString(16).toUpperCase()}.`,
  dateTime: 'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].',
  dateTimeOverflow: 'Datetime value out of range.',
  pk: (input: unknown) => `Invalid pk "${pyStr(input)}" - object does not exist.`,
  pkType: (input: unknown) => `Incorrect type. Expected pk value, received ${pyTypeName(input)}.`,
  readOnly: 'This field is read-only.',
  unknown: 'Unknown field.',
  noData: 'No data provided',
  url: 'Enter a valid URL.',
  notAList: (type: string) => `Expected a list of items but got type "${type}".`,
  notADict: (type: string) => `Invalid data. Expected a dictionary, but got ${type}.`
} as const

// Python's `in` on a set: 1.0 == 1 and hashes the same, so a float 1.0 is True
const TRUE_VALUES = new Set<unknown>(['t', 'T', 'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON', '1', 1, true])
const FALSE_VALUES = new Set<unknown>(['f', 'F', 'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF', '0', 0, false])

/** Marks a body that came from a form (urlencoded or multipart): DRF reads it as a QueryDict (html input). */
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
  /** the DRF field class when the type does not tell it (a related field by primary key) */
  'x-drf-field'?: 'PrimaryKeyRelatedField'
  /** required on create and full update, when the schema at hand (a PATCH's) does not say it */
  'x-drf-required'?: boolean
  /** CharField(allow_blank=True): "" is a value, not an error */
  'x-drf-allow-blank'?: boolean
}

/** Python's str() of a JSON value, as DRF puts it into messages. */
export function pyStr (value: unknown): string {
  if (value === true) return 'True'
  if (value === false) return 'False'
  if (value === null) return 'None'
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  if (value instanceof PyFloat) return value.toString()
  if (Buffer.isBuffer(value)) return 'InMemoryUploadedFile'
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`
  if (typeof value === 'object') return `{${Object.entries(value as object).map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ')}}`
  return String(value)
}
function pyRepr (value: unknown): string {
  if (typeof value !== 'string') return pyStr(value)
  // repr() picks double quotes when the text has a single quote and no double one
  if (value.includes("'") && !value.includes('"')) return `"${value.replace(/\\/g, '\\\\')}"`
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}

export function pyTypeName (value: unknown): string {
  if (Array.isArray(value)) return 'list'
  if (value === null) return 'NoneType'
  if (value instanceof PyFloat) return 'float'
  return ({ string: 'str', number: 'int', boolean: 'bool' } as Record<string, string>)[typeof value] ?? 'dict'
}

const baseType = (s: PropertySchema) => Array.isArray(s.type) ? s.type.find(t => t !== 'null') : s.type
const isNullable = (s: PropertySchema) => Array.isArray(s.type) && s.type.includes('null')
const isRelated = (s: PropertySchema) => s['x-drf-field'] === 'PrimaryKeyRelatedField'

type Parsed = { ok: true, value: unknown } | { ok: false, message: string[] }
const ok = (value: unknown): Parsed => ({ ok: true, value })
const fail = (...message: string[]): Parsed => ({ ok: false, message })
const plain = (raw: unknown) => raw instanceof PyFloat ? raw.value : raw

function parseInteger (raw: unknown): number | null {
  if (raw instanceof PyFloat) return Number.isInteger(raw.value) ? raw.value : null
  if (typeof raw === 'number') return Number.isInteger(raw) ? raw : null
  if (typeof raw !== 'string' || raw.length > 1000) return null
  const text = raw.replace(/\.0*\s*$/, '') // DRF's re_decimal: "3.0" is 3
  return /^\s*[+-]?\d+(?:_\d+)*\s*$/.test(text) ? Number.parseInt(text.replace(/_/g, ''), 10) : null
}

/**
 * Django's URLValidator, in its main lines: an http(s)/ftp(s) scheme, a host that is localhost, an IP address or a
 * domain whose last label is a TLD of letters (2 to 63), an optional port, no spaces. Hand-written: WHATWG's URL
 * parser (Node's) accepts much Django refuses ("http://x", "http://a b").
 */
const DJANGO_HOST = /^(localhost|\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\]|([a-z0-9\u00a1-\uffff]([a-z0-9\u00a1-\uffff-]{0,61}[a-z0-9\u00a1-\uffff])?\.)+([a-z\u00a1-\uffff]{2,63}|xn--[a-z0-9]{1,59})\.?)$/i
export function isDjangoUrl (text: string): boolean {
  const m = /^(https?|ftps?):\/\/(?:[^\s:@/]+(?::[^\s@/]*)?@)?(\[[^\]]+\]|[^\s:/?#]+)(?::(\d{1,5}))?([/?#]\S*)?$/i.exec(text)
  if (m === null || text.length > 2048) return false
  if (m[3] !== undefined && Number(m[3]) > 65535) return false
  return DJANGO_HOST.test(m[2])
}

/** CharField's validators, every one run and every message kept (DRF's run_validators). */
function charValidators (schema: PropertySchema, text: string): string[] {
  const errors: string[] = []
  const codePoints = [...text]
  if (schema.maxLength !== undefined && codePoints.length > schema.maxLength) errors.push(MESSAGES.maxLength(schema.maxLength))
  if (text.includes('\u0000')) errors.push(MESSAGES.nullCharacters)
  const surrogate = codePoints.find(c => c.length === 1 && c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) <= 0xdfff)
  if (surrogate !== undefined) errors.push(MESSAGES.surrogate(surrogate.charCodeAt(0)))
  if (errors.length === 0 && schema.format === 'iana-timezone' && !isIanaTimezone(text)) errors.push(MESSAGES.choice(text))
  if (errors.length === 0 && schema.format === 'uri' && !isDjangoUrl(text)) errors.push(MESSAGES.url)
  return errors
}

/** One field's to_internal_value plus its validators, as the DRF field class the schema names. */
function parseField (schema: PropertySchema, raw: unknown): Parsed {
  const type = baseType(schema)
  if (type === 'boolean') {
    const value = plain(raw)
    if (TRUE_VALUES.has(value)) return ok(true)
    if (FALSE_VALUES.has(value)) return ok(false)
    return fail(MESSAGES.boolean)
  }
  if (isRelated(schema)) {
    // PrimaryKeyRelatedField: a bool is the wrong type; anything else is looked up by its text (CharField pk)
    if (typeof raw === 'boolean') return fail(MESSAGES.pkType(raw))
    return ok(pyStr(raw))
  }
  // ChoiceField compares the text of what was sent with the text of each choice: "3" and 3, not "03" or 3.0
  if (schema.enum) {
    if (raw === '' && schema.enum.includes('')) return ok('')
    const match = schema.enum.find(c => c !== null && String(c) === pyStr(raw))
    return match === undefined ? fail(MESSAGES.choice(raw)) : ok(match)
  }
  if (type === 'integer') {
    const n = typeof raw === 'boolean' ? null : parseInteger(raw)
    return n === null ? fail(MESSAGES.integer) : ok(n)
  }
  if (schema.format === 'date-time') {
    const reading = typeof raw === 'string' ? readDrfDateTime(raw) : 'invalid'
    if (reading === 'invalid') return fail(MESSAGES.dateTime)
    if (reading === 'out-of-range') return fail(MESSAGES.dateTimeOverflow)
    return ok(reading)
  }
  // CharField: numbers as their text, then trimmed; blank refused before the validators run
  if (typeof raw === 'boolean' || !(typeof raw === 'string' || typeof raw === 'number' || raw instanceof PyFloat)) return fail(MESSAGES.string)
  const text = pyStr(raw).replace(PY_STRIP, '')
  if (text === '') return schema['x-drf-allow-blank'] === true ? ok('') : fail(MESSAGES.blank)
  const errors = charValidators(schema, text)
  return errors.length > 0 ? fail(...errors) : ok(text)
}

/** str.strip(): Python's whitespace (JavaScript's \s has the BOM and lacks \x1c-\x1f and \x85) */
const PY_WHITESPACE = '[\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]'
const PY_STRIP = new RegExp(`^${PY_WHITESPACE}+|${PY_WHITESPACE}+$`, 'g')

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
  if (data instanceof JsonNull) return { value: {}, errors: { non_field_errors: [MESSAGES.noData] } }
  if (data === undefined || data === null) data = {} // no body
  if (typeof data !== 'object' || Array.isArray(data) || data instanceof PyFloat) {
    return { value: {}, errors: { non_field_errors: [MESSAGES.notADict(pyTypeName(data))] } }
  }
  const input = data as Record<string | symbol, unknown>
  const fromForm = input[FORM_INPUT] === true
  const properties = schema.properties as Record<string, PropertySchema>
  const required = new Set(schema.required ?? [])
  const value: Record<string, unknown> = {}
  const errors: FieldErrors = {}
  for (const [name, field] of Object.entries(properties)) {
    let present = Object.hasOwn(input, name)
    if (field.readOnly) {
      if (present && options.strict) errors[name] = [MESSAGES.readOnly]
      continue
    }
    let raw = input[name]
    const nullable = isNullable(field) || isRelated(field)
    const allowBlank = field.enum?.includes('') ?? false
    // the field's own `required` (DRF keeps it on a partial update too: a form's empty date_time is read)
    const isRequired = required.has(name) || field['x-drf-required'] === true
    if (fromForm) {
      // Field.get_value on html input: a checkbox not sent is False (unless partial); an empty value is
      // null where null is allowed, else "not sent" when the field is not required
      if (!present && !options.partial && baseType(field) === 'boolean') { present = true; raw = false }
      if (present && raw === '' && !allowBlank) {
        if (nullable) raw = null
        else if (!isRequired) present = false
      }
    }
    if (!present) {
      if (!options.partial && isRequired) errors[name] = [MESSAGES.required]
      continue
    }
    // RelatedField.run_validation: an empty string is None
    if (raw === '' && isRelated(field)) raw = null
    if (raw === null) {
      if (nullable) value[name] = null
      else errors[name] = [MESSAGES.null]
      continue
    }
    const parsed = parseField(field, raw)
    if (parsed.ok) value[name] = parsed.value
    else errors[name] = parsed.message
  }
  if (options.strict) {
    for (const name of Object.keys(input)) {
      if (!Object.hasOwn(properties, name)) errors[name] = [MESSAGES.unknown]
    }
  }
  return { value, errors }
}
