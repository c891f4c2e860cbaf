import { createServer } from 'node:net'
import t from 'tap'
import { FaultRuleError, startScanstub, WaitTimeoutError } from '../../src/index'

const freePort = () => new Promise<number>(resolve => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number }
    server.close(() => resolve(port))
  })
})

t.test('stub.fault() is checked by the same function as POST /__admin/faults', async t => {
  const stub = await startScanstub()
  t.teardown(() => stub.close())
  const problems = (rule: unknown) => {
    try { stub.fault(rule as never); return [] } catch (err) { t.type(err, FaultRuleError); return (err as FaultRuleError).problems }
  }
  t.same(problems({ path: '/x', status: 'abc' }), ['body/status must be integer'])
  t.same(problems({ status: 500 }), ["body must have required property 'path'"], 'no TypeError for a rule without path')
  const http = await fetch(`${stub.url}/__admin/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path: '/x', status: 'abc' }) })
  t.equal(http.status, 400)
  t.same(((await http.json()) as { details: string[] }).details, ['body/status must be integer'], 'the same words over HTTP')
  t.same(stub.app.faults.list('default'), [], 'nothing stored')
  t.equal(stub.fault({ path: '/api/**', status: 500, tenant: '*' }).tenant, '*')
})

t.test('waitFor resolves when the request arrives, rejects with what matched at its timeout', async t => {
  const stub = await startScanstub()
  t.teardown(() => stub.close())
  const token = stub.token({ tenant: 'w' })
  const waiting = stub.waitFor({ tenant: 'w', path: '/api/v1/integrations' })
  await fetch(`${stub.url}/api/v1/integrations`, { headers: { authorization: `Bearer ${token}` } })
  t.match(await waiting, [{ method: 'GET', path: '/api/v1/integrations', status: 200 }])
  const error = await stub.waitFor({ tenant: 'w', path: '/api/v1/integrations' }, { count: 2, timeoutMs: 30 }).catch(e => e)
  t.type(error, WaitTimeoutError)
  t.equal(error.requests.length, 1, 'what did match')
})

t.test('port and host options', async t => {
  const port = await freePort()
  const stub = await startScanstub({ port, host: '127.0.0.1' })
  t.teardown(() => stub.close())
  t.equal(stub.url, `http://127.0.0.1:${port}`)
  t.equal((await fetch(`${stub.url}/health`)).status, 200)
})

t.test('stub.probely.targets() and findings() show what the API wrote (#24)', async t => {
  const stub = await startScanstub()
  t.teardown(() => stub.close())
  const headers = { authorization: `JWT ${stub.token()}`, 'content-type': 'application/json' }
  const created = await (await fetch(`${stub.url}/targets/`, { method: 'POST', headers, body: JSON.stringify({ site: { url: 'https://inproc.example.com', name: 'In process' } }) })).json() as { id: string }
  t.same(stub.probely.targets().map(x => x.id), ['AxtkqTE1AbFd', '3ZpBnUd9WcGh', created.id])
  t.equal(stub.probely.targets().at(-1)?.site.name, 'In process')
  await stub.clock().set('2031-01-01T00:00:00Z')
  await fetch(`${stub.url}/targets/AxtkqTE1AbFd/scan_now/`, { method: 'POST', headers: { authorization: headers.authorization } })
  await stub.clock().advance(10_000)
  t.same(stub.probely.findings({ targetId: 'AxtkqTE1AbFd' }).map(f => f.severity), [30, 20, 10])
  t.equal((await fetch(`${stub.url}/targets/${created.id}/`, { method: 'DELETE', headers: { authorization: headers.authorization } })).status, 204)
  t.same(stub.probely.targets().map(x => x.id), ['AxtkqTE1AbFd', '3ZpBnUd9WcGh'])
  t.same(stub.probely.targets({ tenant: 'fresh' }).map(x => x.id), ['AxtkqTE1AbFd', '3ZpBnUd9WcGh'], 'a new tenant starts from the fixture')
})
