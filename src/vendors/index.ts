import { CORE_FORMATS } from '../core/formats'
import { type FixtureOptions, normalizeFixture as normalizeWith, readFixtureFile as readWith } from '../store/fixtures'
import neostra from './neostra/index'
import type { NeostraFixture } from './neostra/fixture'
import probely from './probely/index'
import type { ProbelyFixture } from './probely/fixture'
import type { VendorModule } from './vendor-module'

// the in-process entry's Neostra controls (src/index.ts reaches vendors only through this file)
export { neostraStub, type NeostraStub } from './neostra/stub'
export type { TaskStatusEvent } from './neostra/workflow'
// each vendor's repositories are merged into the store's type by its own index.ts: re-exported here so a
// consumer's type checker (reading the shipped .d.ts) sees those declarations too
export type { NeostraRepos } from './neostra/index'
export type { ProbelyRepos } from './probely/index'

/**
 * The vendors scanstub emulates: the only file that names them all. The app, the store, the fixture
 * format, the traffic hooks, the admin API and the OpenAPI document loop over this list. Order matters
 * where paths overlap: a vendor with a prefix comes before Probely, which owns every other path.
 */
export const VENDORS: readonly VendorModule[] = [neostra, probely]

/** The string formats of every schema: scanstub's own and each vendor's. */
export const formatsOf = (vendors: readonly VendorModule[]): Record<string, (value: string) => boolean> =>
  Object.assign({}, CORE_FORMATS, ...vendors.map(v => v.formats ?? {}))

export const FORMATS = formatsOf(VENDORS)

/** The whole fixture format, typed: one part per vendor. */
export interface VendorsFixture { neostra: NeostraFixture, probely: ProbelyFixture }

/** A fixture checked and filled by every vendor's part (see store/fixtures.ts). */
export const normalizeFixture = (raw: unknown, now?: string, options: FixtureOptions = {}) =>
  normalizeWith(VENDORS, raw, now, { formats: FORMATS, ...options }) as unknown as VendorsFixture

export const readFixtureFile = (path: string, options: FixtureOptions = {}) =>
  readWith(VENDORS, path, { formats: FORMATS, ...options }) as unknown as VendorsFixture
