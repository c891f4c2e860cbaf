import t from 'tap'
import { buildTestApp, type TestApp, type TestContext } from '../../helpers'

const T0 = '2030-01-01T00:00:00.000Z'
const HOUR = 3_600_000

async function frozen (t: TestContext): Promise<TestApp> {
  const test = await buildTestApp(t)
  await test.app.inject({ method: 'POST', url: '/__admin/clock', payload: { to: T0 } })
  return test
}
const clock = async (test: TestApp, payload: object) => {
  const res = await test.app.inject({ method: 'POST', url: '/__admin/clock', payload })
  if (res.statusCode !== 200) throw new Error(res.body)
  return res.json()
}
/** the launch times of a scan: its tasks' createdAt, once per launch */
const launches = async (test: TestApp, scanId: string) => {
  const { tasks } = (await test.app.inject({ method: 'GET', url: `/__admin/neostra/scan-tasks?scanId=${scanId}` })).json()
  return [...new Set(tasks.map((x: { createdAt: string }) => x.createdAt))]
}
const patch = (test: TestApp, id: string, payload: object) => test.neostra({ method: 'PATCH', url: `/api/v1/scans/${id}`, payload })

t.test('*/5 * * * * fires 12 times in one advanced hour, never twice for one tick', async t => {
  const test = await frozen(t)
  const res = await patch(test, 'scan-adhoc', { schedule: '*/5 * * * *', integrationId: 'int-dynamo' })
  t.equal(res.statusCode, 200)
  await clock(test, { advanceMs: HOUR })
  const times = await launches(test, 'scan-adhoc')
  t.same(times, Array.from({ length: 12 }, (_, i) => new Date(Date.parse(T0) + (i + 1) * 5 * 60_000).toISOString()))
  const { tasks } = (await test.app.inject({ method: 'GET', url: '/__admin/neostra/scan-tasks?scanId=scan-adhoc' })).json()
  t.equal(tasks.length, 12, 'one task (one asset) per tick')
  const scan = (await test.neostra({ method: 'GET', url: '/api/v1/scans/scan-adhoc' })).json().data
  t.equal(scan.lastRunAt, '2030-01-01T01:00:00.000Z')

  await clock(test, { advanceMs: 0 })
  t.equal((await launches(test, 'scan-adhoc')).length, 12, 'advancing by nothing fires nothing again')
})

t.test('a PATCH that changes or clears schedule reschedules at once; a jump skips ticks', async t => {
  const test = await frozen(t)
  await patch(test, 'scan-adhoc', { schedule: '0 * * * *', integrationId: 'int-dynamo' })
  await clock(test, { advanceMs: 30 * 60_000 })
  await patch(test, 'scan-adhoc', { schedule: '*/10 * * * *' })
  await clock(test, { advanceMs: 30 * 60_000 })
  t.same(await launches(test, 'scan-adhoc'), ['2030-01-01T00:40:00.000Z', '2030-01-01T00:50:00.000Z', '2030-01-01T01:00:00.000Z'], 'the new schedule from the PATCH on')
  await patch(test, 'scan-adhoc', { schedule: null })
  await clock(test, { advanceMs: HOUR })
  t.equal((await launches(test, 'scan-adhoc')).length, 3, 'cleared: no more launches')

  await patch(test, 'scan-adhoc', { schedule: '*/10 * * * *' })
  await clock(test, { to: '2030-01-01T05:00:00.000Z' })
  t.equal((await launches(test, 'scan-adhoc')).length, 3, 'ticks the clock jumped over are skipped, not replayed')
  await clock(test, { advanceMs: 10 * 60_000 })
  t.same((await launches(test, 'scan-adhoc')).at(-1), '2030-01-01T05:10:00.000Z', 'and it carries on from the new time')
})

t.test('each dialect fires by its own rules: Spring seconds, macros', async t => {
  const test = await frozen(t)
  await patch(test, 'scan-adhoc', { schedule: '*/20 * * * * *', integrationId: 'int-dynamo' })
  await clock(test, { advanceMs: 60_000 })
  t.same(await launches(test, 'scan-adhoc'), ['2030-01-01T00:00:20.000Z', '2030-01-01T00:00:40.000Z', '2030-01-01T00:01:00.000Z'], 'Spring: seconds first')
  await patch(test, 'scan-adhoc', { schedule: '@hourly' })
  await clock(test, { advanceMs: 2 * HOUR })
  t.same((await launches(test, 'scan-adhoc')).slice(3), ['2030-01-01T01:00:00.000Z', '2030-01-01T02:00:00.000Z'])
})

t.test('a scan created with a schedule, and the demo scans, launch at their ticks; a deleted one stops', async t => {
  const test = await frozen(t)
  const res = await test.neostra({ method: 'POST', url: '/api/v1/scans', payload: { id: 'tick', name: 'x', integrationIds: ['int-dynamo'], schedule: '30 0 * * *' } })
  t.equal(res.statusCode, 201)
  await clock(test, { advanceMs: 24 * HOUR })
  t.same(await launches(test, 'tick'), [T0, '2030-01-01T00:30:00.000Z'], 'launched on create, then at its tick')
  t.same(await launches(test, 'scan-web-nightly'), ['2030-01-01T02:00:00.000Z'], 'the demo\'s 0 2 * * *')
  await test.neostra({ method: 'DELETE', url: '/api/v1/scans/tick' })
  await clock(test, { advanceMs: 24 * HOUR })
  t.same(await launches(test, 'tick'), [], 'deleted with its tasks, and no tick launches it again')
})
