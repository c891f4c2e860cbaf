import t from 'tap'
import { buildTestApp } from '../../helpers'

t.test('every change of a task\'s status is a journal event a test can wait for', async t => {
  const { app, neostra } = await buildTestApp(t)
  await app.inject({ method: 'POST', url: '/__admin/clock?tenant=default', payload: { to: '2030-01-01T00:00:00Z' } })
  const created = await neostra({ method: 'POST', url: '/api/v1/scans', payload: { name: 'Events', integrationIds: ['int-postgres'], scanType: 'FULL' } })
  t.equal(created.statusCode, 201, created.body)
  const scanId = created.json().data.id
  await app.inject({ method: 'POST', url: '/__admin/clock?tenant=default', payload: { advanceMs: 3_600_000 } })
  const res = await app.inject({ method: 'GET', url: '/__admin/requests/wait?method=EVENT&path=neostra.task.status&count=1&timeoutMs=1000' })
  t.equal(res.statusCode, 200)
  const events = (await app.inject({ method: 'GET', url: '/__admin/requests?method=EVENT&limit=1000' })).json().requests
    .map((e: { path: string, body: { scanId: string, from: string | null, to: string } }) => e.body).filter((b: { scanId: string }) => b.scanId === scanId)
  t.ok(events.length >= 3, `a launch and its progress: ${events.length} events`)
  t.equal(events.find((e: { from: string | null }) => e.from === null)?.to, 'PENDING', 'a launched task starts PENDING')
  t.ok(events.some((e: { to: string }) => e.to === 'COMPLETED' || e.to === 'FAILED'), 'and ends')
})
