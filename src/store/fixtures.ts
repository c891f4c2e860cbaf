import { readFileSync } from 'node:fs'
import { Type } from '@sinclair/typebox'
import { NeostraFixture, normalizeNeostraFixture } from '../vendors/neostra/fixture'
import { ProbelyFixture, normalizeProbelyFixture } from '../vendors/probely/fixture'
import { FixtureError, FixtureProblems, isRecord } from './fixture-errors'

export { FixtureError }

/** The one fixture format: demo data, --seed / SEED_FILE, PUT /__admin/fixtures and the export. */
export const Fixture = Type.Object({ neostra: NeostraFixture, probely: ProbelyFixture })
export interface Fixture { neostra: NeostraFixture, probely: ProbelyFixture }

/**
 * Fills the defaults of a fixture and checks every rule (types, duplicate ids, dangling references, bad
 * values); throws a FixtureError naming each bad record, so a fixture is taken whole or not at all.
 */
export function normalizeFixture (raw: unknown, now = new Date().toISOString(), options: FixtureOptions = {}): Fixture {
  const problems = new FixtureProblems(options.trusted)
  if (!isRecord(raw)) throw new FixtureError(['fixture: must be a JSON object with "neostra" and "probely"'])
  for (const key of Object.keys(raw)) {
    if (key !== 'neostra' && key !== 'probely') problems.add('fixture', `unknown key ${JSON.stringify(key)}`)
  }
  const fixture = {
    neostra: normalizeNeostraFixture(raw.neostra, now, problems),
    probely: normalizeProbelyFixture(raw.probely, now, problems)
  }
  if (problems.list.length > 0) throw new FixtureError(problems.list)
  return fixture
}

export interface FixtureOptions {
  /** skip the schema checks (references and rules are still checked): for the shipped demo fixture */
  trusted?: boolean
}

export function readFixtureFile (path: string, options: FixtureOptions = {}): Fixture {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'))
  } catch (err) {
    throw new FixtureError([`${path}: ${(err as Error).message}`])
  }
  try {
    return normalizeFixture(raw, undefined, options)
  } catch (err) {
    if (err instanceof FixtureError) throw new FixtureError(err.problems.map(p => `${path}: ${p}`))
    throw err
  }
}
