import t from 'tap'
import { startScanstub } from '../src/index'
import { expectAnswer } from './helpers'

t.test('the in-process entry: free port, in-memory database, token, reset, journal, close', async t => {
  const stub = await startScanstub()
  t.teardown(() => stub.close())
  t.match(stub.url, /^http:\/\/127\.0\.0\.1:\d+$/)
  const headers = { authorization: `JWT ${stub.token()}`, 'content-type': 'application/json' }
  const res = await fetch(`${stub.url}/targets/AxtkqTE1AbFd/scheduledscans/Dq7HkZ2vRtYp`, { method: 'PATCH', headers, body: JSON.stringify({ recurrence: 'm' }) })
  t.equal(res.status, 200)
  t.match(stub.requests({ method: 'PATCH' }), [{ path: '/targets/AxtkqTE1AbFd/scheduledscans/Dq7HkZ2vRtYp', status: 200, body: { recurrence: 'm' } }])
  stub.reset()
  t.same(stub.requests(), [])
  const after = await fetch(`${stub.url}/targets/AxtkqTE1AbFd/scheduledscans/Dq7HkZ2vRtYp/`, { headers })
  t.equal(((await after.json()) as { recurrence: string }).recurrence, 'w', 'back to the fixture')
  stub.fault({ path: '/targets/**', status: 503, times: 1 })
  t.equal((await fetch(`${stub.url}/targets/`, { headers })).status, 503)
  t.equal((await fetch(`${stub.url}/targets/`, { headers })).status, 200)
})

t.test('two instances in one process share nothing', async t => {
  const a = await startScanstub()
  const b = await startScanstub()
  t.teardown(async () => { await a.close(); await b.close() })
  t.not(a.url, b.url)
  await fetch(`${a.url}/api/v1/scans/scan-adhoc`, { method: 'PATCH', headers: { authorization: `Bearer ${a.token()}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'only in a' }) })
  const fromB = await fetch(`${b.url}/api/v1/scans/scan-adhoc`, { headers: { authorization: `Bearer ${b.token()}` } })
  t.equal(((await fromB.json()) as { data: { name: string } }).data.name, 'Ad-hoc scan')
  t.equal(b.requests().length, 1)
})

t.test('two test workers with their own tenants, at the same time, never see each other\'s writes, journal or faults', async t => {
  const stub = await startScanstub()
  t.teardown(() => stub.close())
  stub.fault({ path: '/api/**', status: 500, tenant: 'worker-2', times: 1000 })

  const worker = async (tenant: string) => {
    const token = stub.token({ sub: tenant, email: `${tenant}@x.io`, name: tenant, tenant })
    const statuses: number[] = []
    const names: string[] = []
    for (let i = 0; i < 25; i++) {
      const res = await fetch(`${stub.url}/api/v1/scans/scan-adhoc`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `${tenant}-${i}` })
      })
      statuses.push(res.status)
      if (res.status === 200) names.push(((await res.json()) as { data: { name: string } }).data.name)
    }
    return { statuses, names }
  }
  const [one, two] = await Promise.all([worker('worker-1'), worker('worker-2')])
  t.ok(one.statuses.every(s => s === 200), 'worker-1 never sees worker-2\'s fault')
  t.ok(two.statuses.every(s => s === 500), 'worker-2\'s fault fires for worker-2')
  t.same(one.names, Array.from({ length: 25 }, (_, i) => `worker-1-${i}`), 'worker-1 reads only its own writes')
  t.equal(stub.requests({ tenant: 'worker-1' }).length, 25)
  t.equal(stub.requests({ tenant: 'worker-2' }).length, 25)
  t.ok(stub.requests({ tenant: 'worker-1' }).every(e => e.tenant === 'worker-1'))
  const two2 = stub.token({ tenant: 'worker-2' })
  const read = await stub.app.inject({ method: 'GET', url: '/api/v1/scans/scan-adhoc', headers: { authorization: `Bearer ${two2}` } })
  expectAnswer(t, read, 500, { error: 'Internal Server Error', message: /./, code: 500 }, { match: true, message: 'the fault still stands for worker-2' })
  stub.app.faults.remove('worker-2')
  const clean = await stub.app.inject({ method: 'GET', url: '/api/v1/scans/scan-adhoc', headers: { authorization: `Bearer ${two2}` } })
  t.equal(clean.json().data.name, 'Ad-hoc scan', 'worker-2 data untouched by worker-1')
})
