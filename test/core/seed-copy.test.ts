import t from 'tap'
import { SEED_TENANT } from '../../src/core/tenants'
import { buildTestApp, restart } from '../helpers'

t.test("the seed's stored copy is never run: after a restart nothing of it is scheduled, and new tenants start clean", async t => {
  const first = await buildTestApp(t)
  // the demo data has scheduled Neostra scans (nightly, weekly); at start every tenant's schedules are armed again
  const { app, neostra, token } = await restart(t, first)
  const seed = await app.clocks.advance(SEED_TENANT, 14 * 24 * 3600 * 1000)
  t.equal(seed.events, 0, 'no event of the seed copy ran over two weeks of its clock')
  const fresh = await neostra({ method: 'GET', url: '/api/v1/scans', headers: { authorization: `Bearer ${token({ sub: 'u', tenant: 'fresh' })}` } })
  t.equal(fresh.statusCode, 200)
  for (const scan of fresh.json().data) t.equal(scan.lastRunAt, null, `${scan.id}: never launched in a new tenant`)
  t.notOk(app.tenants.list().includes(SEED_TENANT), 'and it is not listed as a tenant')
})
