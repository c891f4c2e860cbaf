import { Type, type Static } from '@sinclair/typebox'
import { FixtureProblems, isRecord, recordsOf } from '../../store/fixture-errors'
import { hashPassword } from './passwords'
import type { NeostraRepo } from './scans.repo'
import { CONFIG_MAX_BYTES, Integration, Scan } from './schemas'
import type { StoredTask, TasksRepo } from './tasks.repo'
import type { UsersRepo } from './users.repo'
import { DEFAULT_SETTINGS, Settings, Task, User, type TenantRef } from './workflow.schemas'
import { Nullable } from '../../schema-helpers'

const FixtureScan = Type.Composite([Scan, Type.Object({ lastRunAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))) })])

/** Neostra's part of the fixture format: records as the API returns them (users: password hashed on export). */
export const NeostraFixture = Type.Object({
  integrations: Type.Array(Integration),
  scans: Type.Array(FixtureScan),
  users: Type.Array(User),
  tasks: Type.Array(Task),
  settings: Settings
})
export type NeostraFixture = Static<typeof NeostraFixture>

export interface NeostraRepos { neostra: NeostraRepo, neostraUsers: UsersRepo, neostraTasks: TasksRepo }

const tenantRefs = (tenants: User['tenants']): TenantRef[] | '*' => tenants === '*'
  ? '*'
  : tenants.map(t => typeof t === 'string' ? { id: t, name: t, logo: null } : { id: t.id, name: t.name ?? t.id, logo: t.logo ?? null })

/** Fills defaults and checks references; problems go to `problems`, the normalised part is returned. */
export function normalizeNeostraFixture (part: unknown, now: string, problems: FixtureProblems): NeostraFixture {
  if (part !== undefined && !isRecord(part)) problems.add('neostra', 'must be an object')
  const raw = isRecord(part) ? part : {}
  const integrations = recordsOf(raw.integrations).map(i => ({ type: 'POSTGRESQL', assets: [], ...i })) as unknown as Integration[]
  // a scan names its integrations by `integrationIds` (the guide) or one `integrationId`; each fills the other
  const scans = recordsOf(raw.scans).map(s => {
    const ids = Array.isArray(s.integrationIds) ? s.integrationIds : s.integrationId === undefined ? [] : [s.integrationId]
    return { description: '', schedule: null, config: {}, createdAt: now, scanType: 'FULL', integrationId: ids[0], integrationIds: ids, lastRunAt: null, ...s }
  }).map(s => ({ updatedAt: s.createdAt, ...s })) as FixtureScan[]
  const users = recordsOf(raw.users).map(u => ({ roles: [], ...u })) as unknown as User[]
  const tasks = recordsOf(raw.tasks).map(t => ({ status: 'PENDING', createdAt: now, startedAt: null, finishedAt: null, ...t }))
    .map(t => ({ updatedAt: t.createdAt, ...t })) as Task[]
  const settings = { ...DEFAULT_SETTINGS, ...(isRecord(raw.settings) ? raw.settings : {}) } as Settings

  problems.unique('neostra.integrations', integrations)
  problems.unique('neostra.scans', scans)
  problems.unique('neostra.users', users)
  problems.unique('neostra.tasks', tasks)
  integrations.forEach((r, i) => problems.check(`neostra.integrations[${i}] (id ${JSON.stringify(r.id)})`, Integration, r))
  const integrationById = new Map(integrations.map(i => [i.id, i]))
  scans.forEach((s, i) => {
    const where = `neostra.scans[${i}] (id ${JSON.stringify(s.id)})`
    if (!problems.check(where, FixtureScan, s)) return
    for (const id of s.integrationIds) {
      if (!integrationById.has(id)) problems.add(where, `integrationId ${JSON.stringify(id)} names no integration of the fixture`)
    }
    if (s.integrationIds[0] !== s.integrationId) problems.add(where, 'integrationId must be the first of integrationIds')
    if (Buffer.byteLength(JSON.stringify(s.config)) > CONFIG_MAX_BYTES) problems.add(where, `config is over ${CONFIG_MAX_BYTES} bytes`)
  })
  const emails = new Set<string>()
  users.forEach((u, i) => {
    const where = `neostra.users[${i}] (id ${JSON.stringify(u.id)})`
    if (!problems.check(where, User, u)) return
    if ((u.password === undefined) === (u.passwordHash === undefined)) problems.add(where, 'give exactly one of password, passwordHash')
    if (emails.has(u.email.toLowerCase())) problems.add(where, `email ${JSON.stringify(u.email)} is another user's`)
    emails.add(u.email.toLowerCase())
  })
  const scanById = new Map(scans.map(s => [s.id, s]))
  tasks.forEach((t, i) => {
    const where = `neostra.tasks[${i}] (id ${JSON.stringify(t.id)})`
    if (!problems.check(where, Task, t)) return
    const scan = scanById.get(t.scanId)
    if (!scan) problems.add(where, `scanId ${JSON.stringify(t.scanId)} names no scan of the fixture`)
    else if (!scan.integrationIds.includes(t.integrationId)) problems.add(where, `integrationId ${JSON.stringify(t.integrationId)} is not one of its scan's integrations`)
  })
  problems.check('neostra.settings', Settings, settings)
  // hashed here, once: the seed is normalised at start, and each new tenant copies the hash
  const hashed = users.map(({ password, ...u }) => password === undefined ? u : { ...u, passwordHash: hashPassword(password) })
  return { integrations, scans, users: hashed, tasks, settings }
}

type FixtureScan = Static<typeof FixtureScan>

export function loadNeostraFixture (repos: NeostraRepos, tenant: string, part: NeostraFixture): void {
  repos.neostraTasks.clear(tenant)
  repos.neostraUsers.clear(tenant)
  repos.neostra.clear(tenant)
  for (const i of part.integrations) repos.neostra.insertIntegration(tenant, i)
  for (const { lastRunAt, ...s } of part.scans) repos.neostra.insertScan(tenant, s)
  for (const u of part.users) {
    repos.neostraUsers.insert(tenant, { id: u.id, email: u.email, name: u.name, passwordHash: u.passwordHash as string, roles: u.roles, tenants: tenantRefs(u.tenants) })
  }
  repos.neostraTasks.putSettings(tenant, part.settings)
  // the tasks of one launch share its createdAt: launches are numbered in time order, per scan
  const launchTimes = new Map<string, string[]>()
  for (const t of part.tasks) {
    const times = launchTimes.get(t.scanId) ?? []
    if (!times.includes(t.createdAt)) times.push(t.createdAt)
    launchTimes.set(t.scanId, times)
  }
  for (const times of launchTimes.values()) times.sort()
  for (const t of part.tasks) {
    const task: StoredTask = {
      ...t, tenant, run: (launchTimes.get(t.scanId) as string[]).indexOf(t.createdAt) + 1,
      outcome: part.settings.failAssets.includes(t.asset) ? 'FAILED' : 'COMPLETED',
      dueAt: null // armed by the workflow after the load, from the tenant's clock
    }
    repos.neostraTasks.insert(task)
  }
  for (const s of part.scans) {
    const times = launchTimes.get(s.id) ?? []
    const lastRunAt = s.lastRunAt ?? times.at(-1) ?? null
    if (times.length > 0 || lastRunAt !== null) repos.neostra.setLaunches(tenant, s.id, Math.max(times.length, lastRunAt === null ? 0 : 1), lastRunAt)
  }
}

export function exportNeostraFixture (repos: NeostraRepos, tenant: string): NeostraFixture {
  return {
    integrations: repos.neostra.listIntegrations(tenant),
    scans: repos.neostra.listScans(tenant).map(s => ({ ...s, lastRunAt: repos.neostra.launches(tenant, s.id).lastRunAt })),
    // never a password in clear: the hash, which a load takes back as it is
    users: repos.neostraUsers.list(tenant).map(u => ({ id: u.id, email: u.email, name: u.name, passwordHash: u.passwordHash, roles: u.roles, tenants: u.tenants })),
    tasks: repos.neostraTasks.list(tenant).map(({ tenant: _t, run: _r, outcome: _o, dueAt: _d, ...task }) => task),
    settings: repos.neostraTasks.settings(tenant)
  }
}

/** Counts for the fixture-load answer. */
export const countNeostra = (f: NeostraFixture) =>
  ({ integrations: f.integrations.length, scans: f.scans.length, users: f.users.length, tasks: f.tasks.length })
