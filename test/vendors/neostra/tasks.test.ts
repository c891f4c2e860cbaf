import t from 'tap'
import { buildTestApp, type TestApp, type TestContext } from '../../helpers'
import { workflowOf, type TaskStatusEvent } from '../../../src/vendors/neostra/workflow'

const T0 = '2030-01-01T00:00:00.000Z'
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString()

/** The app with the default tenant's clock frozen at T0. */
async function frozen (t: TestContext, env: Record<string, string> = {}, database?: string): Promise<TestApp> {
  const test = await buildTestApp(t, env, database)
  await test.app.inject({ method: 'POST', url: '/__admin/clock', payload: { to: T0 } })
  return test
}
const admin = (test: TestApp, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
  test.app.inject({ method, url, payload }).then(r => ({ status: r.statusCode, body: r.json() }))
const advance = async (test: TestApp, advanceMs: number) => {
  const res = await admin(test, 'POST', '/__admin/clock', { advanceMs })
  if (res.status !== 200) throw new Error(JSON.stringify(res.body))
  return res
}
const create = async (test: TestApp, payload: object) => {
  const res = await test.neostra({ method: 'POST', url: '/api/v1/scans', payload })
  if (res.statusCode !== 201) throw new Error(res.body)
  return res.json().data
}
const tasksOf = async (test: TestApp, query = '') => (await admin(test, 'GET', `/__admin/neostra/scan-tasks${query}`)).body.tasks

t.test('a launch cuts the scan into one task per asset of each integration; automatic progress runs on the clock', async t => {
  const test = await frozen(t)
  const events: TaskStatusEvent[] = []
  workflowOf(test.app.store, test.app.clocks).onTaskStatus(e => events.push(e))
  const scan = await create(test, { name: 'PII sweep', integrationIds: ['int-postgres', 'int-s3'], scanType: 'FULL' })
  t.same(scan.integrationIds, ['int-postgres', 'int-s3'])
  t.same(scan.tasks, { total: 5, pending: 5, running: 0, completed: 0, failed: 0, cancelled: 0 })
  t.equal(scan.status, 'PENDING')
  t.equal(scan.lastRunAt, T0)

  const tasks = await tasksOf(test, `?scanId=${scan.id}`)
  t.same(tasks.map((x: any) => [x.integrationId, x.asset]), [
    ['int-postgres', 'public.customers'], ['int-postgres', 'public.orders'], ['int-postgres', 'public.payments'],
    ['int-s3', 'acme-exports'], ['int-s3', 'acme-backups']
  ])
  t.same(tasks[0], { id: tasks[0].id, scanId: scan.id, integrationId: 'int-postgres', asset: 'public.customers', status: 'PENDING', createdAt: T0, updatedAt: T0, startedAt: null, finishedAt: null })

  await advance(test, 999)
  t.equal((await tasksOf(test, '?status=PENDING')).length, 5, 'still pending before pendingMs')
  await advance(test, 1)
  const running = await tasksOf(test, `?scanId=${scan.id}&status=RUNNING`)
  t.equal(running.length, 5)
  t.same(running[0], { ...tasks[0], status: 'RUNNING', updatedAt: at(1000), startedAt: at(1000) })
  t.equal((await test.neostra({ method: 'GET', url: `/api/v1/scans/${scan.id}` })).json().data.status, 'RUNNING')

  await advance(test, 5000)
  const done = await test.neostra({ method: 'GET', url: `/api/v1/scans/${scan.id}` })
  t.match(done.json().data, { status: 'COMPLETED', lastRunAt: T0, tasks: { total: 5, completed: 5 } })
  t.same((await tasksOf(test, `?scanId=${scan.id}`))[0], { ...tasks[0], status: 'COMPLETED', updatedAt: at(6000), startedAt: at(1000), finishedAt: at(6000) })

  t.equal(events.length, 15, 'created, started, finished: one event each per task')
  t.same(events.filter(e => e.taskId === tasks[0].id).map(e => [e.from, e.to, e.by, e.time]), [
    [null, 'PENDING', 'launch', T0], ['PENDING', 'RUNNING', 'clock', at(1000)], ['RUNNING', 'COMPLETED', 'clock', at(6000)]
  ])
})

t.test('durations, a failing share and a failing list are set through the admin API', async t => {
  const test = await frozen(t)
  const put = await admin(test, 'PUT', '/__admin/neostra/settings', { pendingMs: 10, runningMs: 60_000, failShare: 0.5, failAssets: ['acme-backups'] })
  t.same(put, { status: 200, body: { progress: 'automatic', pendingMs: 10, runningMs: 60_000, failShare: 0.5, failAssets: ['acme-backups'] } })
  t.same((await admin(test, 'GET', '/__admin/neostra/settings')).body, put.body)
  const scan = await create(test, { name: 'x', integrationIds: ['int-postgres', 'int-s3'] })
  await advance(test, 60_010)
  const tasks = await tasksOf(test, `?scanId=${scan.id}`)
  t.same(tasks.map((x: any) => [x.asset, x.status]), [
    ['public.customers', 'COMPLETED'], ['public.orders', 'FAILED'], ['public.payments', 'COMPLETED'], ['acme-exports', 'FAILED'], ['acme-backups', 'FAILED']
  ])
  t.match((await test.neostra({ method: 'GET', url: `/api/v1/scans/${scan.id}` })).json().data, { status: 'FAILED', tasks: { completed: 2, failed: 3 } })

  const bad = await admin(test, 'PUT', '/__admin/neostra/settings', { progress: 'sometimes', failShare: 2, extra: 1 })
  t.equal(bad.status, 400)
  t.same((await admin(test, 'GET', '/__admin/neostra/settings')).body, put.body, 'a bad body changes nothing')
})

t.test('manual mode: a worker moves each task by PATCH; STRICT=1 refuses leaving a final state', async t => {
  for (const strict of ['0', '1']) {
    const test = await frozen(t, { STRICT: strict })
    await admin(test, 'PUT', '/__admin/neostra/settings', { progress: 'manual' })
    const scan = await create(test, { name: 'worker', integrationIds: ['int-mysql'] })
    await advance(test, 3_600_000)
    const tasks = await tasksOf(test, `?scanId=${scan.id}`)
    t.same(tasks.map((x: any) => x.status), ['PENDING', 'PENDING'], 'nothing moves by itself')

    // the worker: poll pending tasks, take one, report it done
    for (const [i, task] of tasks.entries()) {
      const start = at(3_600_000 + i * 2000)
      const started = await test.neostra({ method: 'PATCH', url: `/api/v1/scan-tasks/${task.id}`, payload: { status: 'RUNNING' } })
      t.same(started.json(), { status: 200, message: 'Success', data: { ...task, status: 'RUNNING', updatedAt: start, startedAt: start }, errors: [] })
      await advance(test, 1000)
      const end = at(3_601_000 + i * 2000)
      const finished = await test.neostra({ method: 'PATCH', url: `/v1/scan-tasks/${task.id}`, payload: { status: 'COMPLETED' } })
      t.same(finished.json().data, { ...task, status: 'COMPLETED', updatedAt: end, startedAt: start, finishedAt: end })
      await advance(test, 1000)
    }
    t.match((await test.neostra({ method: 'GET', url: `/api/v1/scans/${scan.id}` })).json().data, { status: 'COMPLETED', tasks: { total: 2, completed: 2 } })

    const leave = await test.neostra({ method: 'PATCH', url: `/api/v1/scan-tasks/${tasks[0].id}`, payload: { status: 'RUNNING' } })
    if (strict === '1') {
      t.equal(leave.statusCode, 400)
      t.same(leave.json(), { status: 400, message: 'Bad Request', data: {}, errors: ['status: a COMPLETED task is final and cannot change (STRICT=1)'] })
      t.equal((await tasksOf(test, `?scanId=${scan.id}`))[0].status, 'COMPLETED')
    } else {
      t.equal(leave.statusCode, 200, 'the docs forbid no move: allowed without STRICT')
      t.equal(leave.json().data.status, 'RUNNING')
      t.equal(leave.json().data.finishedAt, null)
    }
  }
})

t.test('bad bodies and foreign ids change nothing stored', async t => {
  const test = await frozen(t)
  await admin(test, 'PUT', '/__admin/neostra/settings', { progress: 'manual' })
  const scan = await create(test, { name: 'mine', integrationIds: ['int-dynamo'] })
  const [task] = await tasksOf(test)
  const before = (await admin(test, 'GET', '/__admin/fixtures')).body
  const url = `/api/v1/scan-tasks/${task.id}`
  const cases: [object | string, string[]][] = [
    [{}, ['status: is required']],
    [{ status: 'DONE' }, ['status: must be equal to one of the allowed values']],
    [{ status: 3 }, ['status: must be string', 'status: must be equal to one of the allowed values']]
  ]
  for (const [payload, errors] of cases) {
    const res = await test.neostra({ method: 'PATCH', url, payload })
    t.equal(res.statusCode, 400, JSON.stringify(payload))
    t.same(res.json(), { status: 400, message: 'Bad Request', data: {}, errors })
  }
  const broken = await test.neostra({ method: 'PATCH', url, headers: { 'content-type': 'application/json' }, payload: '{"status":' })
  t.equal(broken.statusCode, 400)

  const notFound = { error: 'Not Found', message: 'The requested resource was not found', code: 404 }
  const unknown = await test.neostra({ method: 'PATCH', url: '/api/v1/scan-tasks/nope', payload: { status: 'RUNNING' } })
  t.same([unknown.statusCode, unknown.json()], [404, notFound])
  const foreign = await test.app.inject({
    method: 'PATCH', url, payload: { status: 'RUNNING' }, headers: { authorization: `Bearer ${test.token({ sub: 'x', tenant: 'other' })}` }
  })
  t.same([foreign.statusCode, foreign.json()], [404, notFound], 'another tenant\'s task is a 404')
  const foreignScan = await test.app.inject({ method: 'GET', url: `/api/v1/scans/${scan.id}`, headers: { authorization: `Bearer ${test.token({ sub: 'x', tenant: 'other' })}` } })
  t.equal(foreignScan.statusCode, 404)
  const noIntegration = await test.neostra({ method: 'POST', url: '/api/v1/scans', payload: { name: 'x', integrationIds: ['int-postgres', 'int-nope'] } })
  t.same(noIntegration.json().errors, ['integrationIds[1]: must be the id of an existing integration'])
  const neither = await test.neostra({ method: 'POST', url: '/api/v1/scans', payload: { name: 'x', scanType: 'QUICK' } })
  t.equal(neither.statusCode, 400)
  t.same((await admin(test, 'GET', '/__admin/fixtures')).body, before, 'nothing stored changed')
})

t.test('admin: launch now, filters, and 404s for unknown scans', async t => {
  const test = await frozen(t)
  const launched = await admin(test, 'POST', '/__admin/neostra/scans/scan-adhoc/launch')
  t.equal(launched.status, 201)
  t.same(launched.body.tasks.map((x: any) => x.asset), ['public.customers', 'public.orders', 'public.payments'])
  await admin(test, 'POST', '/__admin/neostra/scans/scan-adhoc/launch')
  t.equal((await tasksOf(test, '?scanId=scan-adhoc')).length, 6, 'each launch adds its tasks')
  t.match((await test.neostra({ method: 'GET', url: '/api/v1/scans/scan-adhoc' })).json().data, { tasks: { total: 3 } }, 'counts are of the latest launch')
  t.equal((await tasksOf(test, '?scanId=scan-web-nightly')).length, 0)
  t.equal((await admin(test, 'POST', '/__admin/neostra/scans/nope/launch')).status, 404)
  t.equal((await admin(test, 'GET', '/__admin/neostra/scan-tasks?status=NOPE')).status, 400)
  t.equal((await tasksOf(test, '?tenant=other')).length, 0, 'tenants apart')
})

t.test('restart keeps tasks and their progress; a fixture load or reset cancels that tenant\'s runs', async t => {
  const first = await frozen(t)
  const scan = await create(first, { name: 'survives', integrationIds: ['int-mongo'] })
  await advance(first, 1000)
  const running = await tasksOf(first, `?scanId=${scan.id}`)
  t.same(running.map((x: any) => x.status), ['RUNNING', 'RUNNING'])
  await first.app.close()

  const second = await buildTestApp(t, {}, first.database)
  t.same(await tasksOf(second, `?scanId=${scan.id}`), running, 'tasks and states kept across a restart')
  t.same((await admin(second, 'GET', '/__admin/clock')).body.now, at(1000), 'the clock kept too')
  await advance(second, 5000)
  t.same((await tasksOf(second, `?scanId=${scan.id}`)).map((x: any) => x.status), ['COMPLETED', 'COMPLETED'], 'their next step armed again at start')

  // a run in flight, then the tenant's fixture replaced: its events are gone, nothing fires later
  const events: TaskStatusEvent[] = []
  workflowOf(second.app.store, second.app.clocks).onTaskStatus(e => events.push(e))
  await create(second, { name: 'cancelled', integrationIds: ['int-mongo'] })
  const fixture = (await admin(second, 'GET', '/__admin/fixtures')).body
  fixture.neostra.tasks = []
  fixture.neostra.scans = fixture.neostra.scans.filter((s: any) => s.id.startsWith('scan-'))
  t.equal((await admin(second, 'PUT', '/__admin/fixtures', fixture)).status, 200)
  events.length = 0
  await advance(second, 3_600_000)
  t.same(events.filter(e => e.by === 'clock'), [], 'no task of the replaced data moved')
  t.same(await tasksOf(second), [])

  const resetScan = await create(second, { name: 'reset', integrationIds: ['int-mongo'] })
  await second.app.inject({ method: 'POST', url: '/__admin/reset' })
  await advance(second, 3_600_000)
  // (the demo's own schedules may tick in that hour, depending on the time of day: only the reset scan's runs matter)
  t.same(await tasksOf(second, `?scanId=${resetScan.id}`), [], 'reset: back to the fixture, no run left')
})

t.test('a fixture brings tasks and settings; manual tasks stay put, automatic ones carry on', async t => {
  const test = await frozen(t)
  const fixture = (await admin(test, 'GET', '/__admin/fixtures')).body
  fixture.neostra.tasks = [
    { id: 'tsk-1', scanId: 'scan-adhoc', integrationId: 'int-postgres', asset: 'public.customers', status: 'RUNNING', createdAt: T0, startedAt: T0 },
    { id: 'tsk-2', scanId: 'scan-adhoc', integrationId: 'int-postgres', asset: 'public.orders', status: 'COMPLETED', createdAt: T0, startedAt: T0, finishedAt: T0 }
  ]
  t.equal((await admin(test, 'PUT', '/__admin/fixtures', fixture)).status, 200)
  t.match((await test.neostra({ method: 'GET', url: '/api/v1/scans/scan-adhoc' })).json().data, { status: 'RUNNING', lastRunAt: T0, tasks: { total: 2, running: 1, completed: 1 } })
  await advance(test, 5000)
  t.same((await tasksOf(test)).map((x: any) => x.status), ['COMPLETED', 'COMPLETED'])
  const exported = (await admin(test, 'GET', '/__admin/fixtures')).body
  t.same(exported.neostra.tasks[0], { id: 'tsk-1', scanId: 'scan-adhoc', integrationId: 'int-postgres', asset: 'public.customers', status: 'COMPLETED', createdAt: T0, updatedAt: at(5000), startedAt: T0, finishedAt: at(5000) })

  const dangling = { ...exported, neostra: { ...exported.neostra, tasks: [{ ...exported.neostra.tasks[0], scanId: 'nope' }] } }
  const refused = await admin(test, 'PUT', '/__admin/fixtures', dangling)
  t.equal(refused.status, 400)
  t.match(refused.body.details, [/neostra\.tasks\[0\].*scanId "nope" names no scan/])
})
