import Ajv, { type ValidateFunction } from 'ajv'
import type { TSchema } from '@sinclair/typebox'

type Formats = Record<string, (value: string) => boolean>

/**
 * Fixtures are checked by ajv, with every error, against the same schemas the API answers with. Made
 * with the first fixture checked (one per set of formats): the shipped demo fixture is trusted at start
 * (the tests check it). A memo of compiled schemas, not state: the same inputs always give the same validator.
 */
const validators = new WeakMap<Formats, { ajv: Ajv, compiled: WeakMap<TSchema, ValidateFunction> }>()
const NO_FORMATS: Formats = {}
function validatorOf (schema: TSchema, formats: Formats): ValidateFunction {
  let entry = validators.get(formats)
  // Stryker disable next-line ConditionalExpression: the memo again: made afresh each time, the same ajv checks the same way
  if (!entry) {
    const ajv = new Ajv({ allErrors: true, strict: false })
    for (const [name, check] of Object.entries(formats)) ajv.addFormat(name, { type: 'string', validate: check })
    entry = { ajv, compiled: new WeakMap() }
    validators.set(formats, entry)
  }
  let validate = entry.compiled.get(schema)
  // Stryker disable next-line ConditionalExpression: the memo again: compiled afresh, the same schema checks the same way
  if (!validate) {
    validate = entry.ajv.compile(schema)
    entry.compiled.set(schema, validate)
  }
  return validate
}

/** A fixture refused whole; `problems` names each bad record. */
export class FixtureError extends Error {
  constructor (readonly problems: string[]) {
    super(`scanstub: fixture refused: ${problems.join('; ')}`)
  }
}

/** Collects problems while checking the records of one fixture. */
export class FixtureProblems {
  readonly list: string[] = []

  constructor (private readonly trusted = false, private readonly formats: Formats = NO_FORMATS) {}

  add (where: string, problem: string): void {
    this.list.push(`${where}: ${problem}`)
  }

  /** Checks `value` against `schema`, reporting the first few mismatches under `where`. */
  check (where: string, schema: TSchema, value: unknown): boolean {
    if (this.trusted) return true
    const validate = validatorOf(schema, this.formats)
    if (validate(value)) return true
    for (const e of (validate.errors ?? []).slice(0, 3)) {
      // Stryker disable next-line StringLiteral: ajv (its messages on) words every error; the fallback is for the type, which allows none
      const message = e.message ?? 'is invalid'
      this.add(where, `${e.instancePath || '(record)'} ${message}`)
    }
    return false
  }

  /** Flags ids seen twice in one list. */
  unique (list: string, records: { id?: unknown }[]): void {
    const seen = new Set<unknown>()
    records.forEach((r, i) => {
      if (seen.has(r.id)) this.add(`${list}[${i}] (id ${JSON.stringify(r.id)})`, 'duplicate id')
      seen.add(r.id)
    })
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
export const recordsOf = (v: unknown): Record<string, unknown>[] => Array.isArray(v) ? v : []
