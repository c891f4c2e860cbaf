import { readFileSync } from 'node:fs'
import { Type, type TObject, type TSchema } from '@sinclair/typebox'
import { FixtureError, FixtureProblems, isRecord } from './fixture-errors'

export { FixtureError }

/** A fixture: one part per vendor, under the vendor's name. */
export type Fixture = Record<string, unknown>

/** What the fixture format needs of each vendor (its VendorModule's name and fixture part). */
export interface FixtureOwner {
  name: string
  fixture: { schema: TSchema, normalize: (raw: unknown, now: string, problems: FixtureProblems) => unknown }
}

export interface FixtureOptions {
  /** skip the schema checks (references and rules are still checked): for the shipped demo fixture */
  trusted?: boolean
  /** string formats the vendors' schemas use */
  formats?: Record<string, (value: string) => boolean>
}

/** The one fixture format: demo data, --seed / SEED_FILE, PUT /__admin/fixtures and the export. */
export const fixtureSchema = (owners: readonly FixtureOwner[]): TObject =>
  Type.Object(Object.fromEntries(owners.map(o => [o.name, o.fixture.schema])))

/**
 * Fills the defaults of a fixture and checks every rule (types, duplicate ids, dangling references, bad
 * values); throws a FixtureError naming each bad record, so a fixture is taken whole or not at all.
 */
export function normalizeFixture (owners: readonly FixtureOwner[], raw: unknown, now = new Date().toISOString(), options: FixtureOptions = {}): Fixture {
  const problems = new FixtureProblems(options.trusted, options.formats)
  const names = owners.map(o => o.name)
  if (!isRecord(raw)) throw new FixtureError([`fixture: must be a JSON object with ${names.map(n => JSON.stringify(n)).join(' and ')}`])
  for (const key of Object.keys(raw)) {
    if (!names.includes(key)) problems.add('fixture', `unknown key ${JSON.stringify(key)}`)
  }
  const fixture: Fixture = {}
  for (const owner of owners) fixture[owner.name] = owner.fixture.normalize(raw[owner.name], now, problems)
  if (problems.list.length > 0) throw new FixtureError(problems.list)
  return fixture
}

export function readFixtureFile (owners: readonly FixtureOwner[], path: string, options: FixtureOptions = {}): Fixture {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'))
  } catch (err) {
    throw new FixtureError([`${path}: ${(err as Error).message}`])
  }
  try {
    return normalizeFixture(owners, raw, undefined, options)
  } catch (err) {
    if (err instanceof FixtureError) throw new FixtureError(err.problems.map(p => `${path}: ${p}`))
    throw err
  }
}
