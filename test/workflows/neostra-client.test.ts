import t from 'tap'
import { startScanstub } from '../../src/index'

/**
 * A client written as Neostra's docs describe it (authentication guide, data discovery guide): sign in,
 * select a tenant, create a scan over integrations, poll it until its tasks are done. It runs against a
 * real listening server on 127.0.0.1; the test moves the tenant's clock through the admin API.
 */
class NeostraClient {
  private token = ''
  constructor (private readonly base: string) {}

  private async call (method: string, path: string, body?: object) {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body)
    })
    const json = await res.json() as any
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`)
    return json.data
  }

  async signIn (email: string, password: string, tenantId: string) {
    const signin = await this.call('POST', '/v1/auth/signin', { email, password })
    this.token = signin.token
    if (signin.tenants.length !== 1) {
      const selected = await this.call('POST', '/v1/auth/select-tenant', { tenantId })
      this.token = selected.token
    }
  }

  createScan (name: string, integrationIds: string[]) {
    return this.call('POST', '/api/v1/scans', { name, integrationIds, scanType: 'FULL' })
  }

  getScan (id: string) { return this.call('GET', `/api/v1/scans/${id}`) }

  /** Polls until no task of the latest launch is PENDING or RUNNING; `tick` lets the test move time. */
  async waitForScan (id: string, tick: () => Promise<void>, maxPolls = 20) {
    for (let i = 0; i < maxPolls; i++) {
      const scan = await this.getScan(id)
      if (scan.tasks.pending === 0 && scan.tasks.running === 0) return scan
      await tick()
    }
    throw new Error(`scan ${id} not done after ${maxPolls} polls`)
  }
}

t.test('sign in, select a tenant, create a scan, poll it until its tasks are done', async t => {
  const stub = await startScanstub()
  t.teardown(() => stub.close())
  const admin = (path: string, body?: object) => fetch(`${stub.url}/__admin${path}`, {
    method: body ? 'POST' : 'GET', headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body)
  }).then(r => r.json() as any)

  const tenant = 'ci-worker-7'
  await admin(`/clock?tenant=${tenant}`, { to: '2030-06-01T08:00:00.000Z' })
  const client = new NeostraClient(stub.url)
  await client.signIn('ci@scanstub.example.com', 'scanstub-ci', tenant)

  const scan = await client.createScan('Customer data', ['int-postgres', 'int-mongo'])
  t.match(scan, { status: 'PENDING', tasks: { total: 5, pending: 5 } })

  let ticks = 0
  const done = await client.waitForScan(scan.id, async () => { ticks++; await admin(`/clock?tenant=${tenant}`, { advanceMs: 2000 }) })
  t.equal(ticks, 3, 'pending 1 s, running 5 s: three 2 s steps')
  t.match(done, { status: 'COMPLETED', lastRunAt: '2030-06-01T08:00:00.000Z', tasks: { total: 5, completed: 5, failed: 0 } })

  const { tasks } = await admin(`/neostra/scan-tasks?tenant=${tenant}&scanId=${scan.id}`)
  t.same(tasks.map((x: any) => [x.asset, x.status, x.startedAt, x.finishedAt]), [
    ['public.customers', 'COMPLETED', '2030-06-01T08:00:01.000Z', '2030-06-01T08:00:06.000Z'],
    ['public.orders', 'COMPLETED', '2030-06-01T08:00:01.000Z', '2030-06-01T08:00:06.000Z'],
    ['public.payments', 'COMPLETED', '2030-06-01T08:00:01.000Z', '2030-06-01T08:00:06.000Z'],
    ['events.clicks', 'COMPLETED', '2030-06-01T08:00:01.000Z', '2030-06-01T08:00:06.000Z'],
    ['events.sessions', 'COMPLETED', '2030-06-01T08:00:01.000Z', '2030-06-01T08:00:06.000Z']
  ])
  t.same((await admin('/neostra/scan-tasks?tenant=default')).tasks, [], 'the default tenant saw nothing of it')
})

t.test('a worker: manual progress, tasks moved by PATCH, waited for in process', async t => {
  const stub = await startScanstub({ strict: true })
  t.teardown(() => stub.close())
  await stub.neostra.setSettings({ progress: 'manual' })
  await t.rejects(stub.neostra.setSettings({ progress: 'never' as 'manual' }), /bad Neostra settings/)
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${stub.token()}` }
  const created = await fetch(`${stub.url}/api/v1/scans`, { method: 'POST', headers, body: JSON.stringify({ name: 'w', integrationIds: ['int-s3'] }) })
  const scan = (await created.json() as any).data

  const seen: string[] = []
  stub.neostra.onTaskStatus(e => seen.push(`${e.from}->${e.to}`))
  const waiting = stub.neostra.waitForTasks({ scanId: scan.id, status: 'COMPLETED', count: 2, timeoutMs: 5000 })
  // the worker: take each pending task, run it, report it done
  for (const task of stub.neostra.tasks({ scanId: scan.id, status: 'PENDING' })) {
    for (const status of ['RUNNING', 'COMPLETED']) {
      const res = await fetch(`${stub.url}/v1/scan-tasks/${task.id}`, { method: 'PATCH', headers, body: JSON.stringify({ status }) })
      t.equal(res.status, 200)
    }
  }
  const completed = await waiting
  t.same(completed.map(x => x.asset), ['acme-exports', 'acme-backups'])
  t.same(seen, ['PENDING->RUNNING', 'RUNNING->COMPLETED', 'PENDING->RUNNING', 'RUNNING->COMPLETED'])
  await t.rejects(stub.neostra.waitForTasks({ scanId: scan.id, status: 'FAILED', timeoutMs: 50 }), /fewer than 1/)
  t.same((await stub.neostra.launch('nope')), undefined)
})
