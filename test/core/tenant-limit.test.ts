import { statSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import t from 'tap'
import { buildTestApp, demoFixture } from '../helpers'

const SCAN = '/api/v1/scans/scan-adhoc'

t.test('TENANT_LIMIT: past it the tenant unused longest is dropped, with its data and journal; the others keep theirs', async t => {
  const { app, token } = await buildTestApp(t, { TENANT_LIMIT: '3' })
  const as = (tenant: string) => ({ authorization: `Bearer ${token({ sub: 'u', tenant })}` })
  const rename = async (tenant: string, name: string) =>
    t.equal((await app.inject({ method: 'PATCH', url: SCAN, headers: as(tenant), payload: { name } })).statusCode, 200, `${tenant} writes`)
  const nameOf = async (tenant: string) => (await app.inject({ method: 'GET', url: SCAN, headers: as(tenant) })).json().data.name
  // `default` (made at start), a and b fill the three places; a is used again, so b is then the one unused longest
  await rename('a', 'kept by a')
  await rename('b', 'kept by b')
  t.same(app.tenants.list(), ['a', 'b', 'default'])
  await nameOf('a')
  await rename('c', 'kept by c')
  t.same(app.tenants.list(), ['a', 'b', 'c'], 'default went first: made at start, never used since')
  t.equal(app.tenants.size, 3)
  await rename('d', 'kept by d')
  t.same(app.tenants.list().sort(), ['a', 'c', 'd'], 'b, unused longest, dropped')
  t.equal(app.journal.count({ tenant: 'b' }), 0, "b's journal went with it")
  t.equal(await nameOf('a'), 'kept by a')
  t.equal(await nameOf('c'), 'kept by c')
  t.equal(await nameOf('b'), demoFixture().neostra.scans.find((s: { id: string }) => s.id === 'scan-adhoc').name, 'b comes back as a new tenant, from the seed')
  t.equal(app.tenants.size, 3, 'and another went for it')
})

/** Bytes of the database file and its WAL. */
const diskOf = (file: string) => [file, `${file}-wal`].reduce((n, f) => { try { return n + statSync(f).size } catch { return n } }, 0)

t.test('a flood of new tenants over HTTP: tenants, RSS and disk stay within what TENANT_LIMIT allows', async t => {
  const LIMIT = 20
  const { app, database, token } = await buildTestApp(t, { TENANT_LIMIT: String(LIMIT) })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as AddressInfo
  const send = (tenant: string) => fetch(`http://127.0.0.1:${port}${SCAN}`, {
    method: 'PATCH', headers: { authorization: `Bearer ${token({ sub: 'u', tenant })}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: tenant })
  }).then(async r => { await r.arrayBuffer(); return r.status })
  const round = async (from: number, count: number) => {
    const statuses: number[] = []
    for (let i = from; i < from + count; i += 10) { // 10 at a time, bounded
      statuses.push(...await Promise.all(Array.from({ length: 10 }, (_, k) => send(`flood-${i + k}`))))
    }
    return statuses
  }
  const warm = await round(0, 100) // the first hundred: caches and statements made
  t.ok(warm.every(s => s === 200))
  global.gc?.()
  const rssBefore = process.memoryUsage().rss
  const diskBefore = diskOf(database)
  const deadline = Date.now() + 120_000
  let sent = 100
  while (sent < 1100 && Date.now() < deadline) { // 1,000 more tenants, or two minutes at most
    const statuses = await round(sent, 100)
    t.ok(statuses.every(s => s === 200), `tenants ${sent}.. answered`)
    sent += 100
  }
  t.equal(app.tenants.size, LIMIT, 'never more tenants than the limit')
  t.equal(app.tenants.list().length, LIMIT)
  t.ok(app.journal.size <= LIMIT * 1000 + 100, 'the journal holds the kept tenants\' entries only')
  const rssGrowth = process.memoryUsage().rss - rssBefore
  t.ok(rssGrowth < 150 * 1024 * 1024, `RSS grew ${Math.round(rssGrowth / 1048576)} MB over ${sent - 100} new tenants (bound 150 MB)`)
  const disk = diskOf(database)
  // each tenant of the demo data is ~10 KB of pages; dropped ones give theirs back, so the file stays near where it was
  t.ok(disk < diskBefore + 16 * 1024 * 1024, `disk ${Math.round(disk / 1024)} KB, was ${Math.round(diskBefore / 1024)} KB (bound +16 MB)`)
})

t.test('a flood of fixture loads into new tenants: disk bounded by TENANT_LIMIT x the fixture, not by the loads', async t => {
  const LIMIT = 3
  const { app, database } = await buildTestApp(t, { TENANT_LIMIT: String(LIMIT) })
  const f = demoFixture()
  const profile = f.probely.scanProfiles[0]
  for (let i = 0; i < 1500; i++) f.probely.scanProfiles.push({ ...profile, id: `profile-${i}`, description: 'x'.repeat(500) }) // ~0.8 MB
  const load = async (tenant: string) => t.equal((await app.inject({ method: 'PUT', url: `/__admin/fixtures?tenant=${tenant}`, payload: f })).statusCode, 200, tenant)
  for (let i = 0; i < LIMIT; i++) await load(`load-${i}`)
  await new Promise(resolve => setTimeout(resolve, 50)) // the checkpoint after the loads
  const full = diskOf(database)
  for (let i = LIMIT; i < 15; i++) await load(`load-${i}`)
  await new Promise(resolve => setTimeout(resolve, 50))
  t.equal(app.tenants.size, LIMIT)
  const disk = diskOf(database)
  t.ok(disk < full * 1.5 + 4 * 1024 * 1024, `disk after 15 loads ${Math.round(disk / 1024)} KB; after ${LIMIT}: ${Math.round(full / 1024)} KB`)
  // a reset of every tenant gives the space back
  t.equal((await app.inject({ method: 'POST', url: '/__admin/reset?all=true' })).statusCode, 200)
  await new Promise(resolve => setTimeout(resolve, 50))
  t.ok(diskOf(database) < full / 2, `after a reset of all: ${Math.round(diskOf(database) / 1024)} KB`)
  t.same(app.tenants.list(), ['default'])
})
