import { Type, type Static } from '@sinclair/typebox'
import { FixtureProblems, isRecord, recordsOf } from '../../store/fixture-errors'
import type { NeostraRepo } from './scans.repo'
import { CONFIG_MAX_BYTES, Integration, Scan } from './schemas'

/** Neostra's part of the fixture format: records as the API returns them. */
export const NeostraFixture = Type.Object({
  integrations: Type.Array(Integration),
  scans: Type.Array(Scan)
})
export type NeostraFixture = Static<typeof NeostraFixture>

/** Fills defaults and checks references; problems go to `problems`, the normalised part is returned. */
export function normalizeNeostraFixture (part: unknown, now: string, problems: FixtureProblems): NeostraFixture {
  if (part !== undefined && !isRecord(part)) problems.add('neostra', 'must be an object')
  const raw = isRecord(part) ? part : {}
  const integrations = recordsOf(raw.integrations).map(i => ({ type: '', ...i })) as Integration[]
  const scans = recordsOf(raw.scans).map(s => ({
    description: '', schedule: null, config: {}, createdAt: now, ...s
  })).map(s => ({ updatedAt: s.createdAt, ...s })) as Scan[]

  problems.unique('neostra.integrations', integrations)
  problems.unique('neostra.scans', scans)
  integrations.forEach((r, i) => problems.check(`neostra.integrations[${i}] (id ${JSON.stringify(r.id)})`, Integration, r))
  const integrationIds = new Set(integrations.map(i => i.id))
  scans.forEach((s, i) => {
    const where = `neostra.scans[${i}] (id ${JSON.stringify(s.id)})`
    if (!problems.check(where, Scan, s)) return
    if (!integrationIds.has(s.integrationId)) problems.add(where, `integrationId ${JSON.stringify(s.integrationId)} names no integration of the fixture`)
    if (Buffer.byteLength(JSON.stringify(s.config)) > CONFIG_MAX_BYTES) problems.add(where, `config is over ${CONFIG_MAX_BYTES} bytes`)
  })
  return { integrations, scans }
}

export function loadNeostraFixture (repo: NeostraRepo, tenant: string, part: NeostraFixture): void {
  repo.clear(tenant)
  for (const i of part.integrations) repo.insertIntegration(tenant, i)
  for (const s of part.scans) repo.insertScan(tenant, s)
}

export function exportNeostraFixture (repo: NeostraRepo, tenant: string): NeostraFixture {
  return { integrations: repo.listIntegrations(tenant), scans: repo.listScans(tenant) }
}
