import { join } from 'node:path'
import t from 'tap'
import { startScanstub, type Scanstub } from '../../src/index'
import { tempDir, type TestContext } from '../helpers'

/**
 * The public Probely clients' flows (shared/docs/probely-clients.md), over real HTTP on 127.0.0.1 with a real
 * SQLite file. Where a client sleeps (Jenkins polls each minute), the test moves the tenant's clock instead.
 */

const A = 'AxtkqTE1AbFd'
const B = '3ZpBnUd9WcGh'
const FINAL = ['completed', 'completed_with_errors', 'failed', 'canceled']

async function stubFor (t: TestContext): Promise<Scanstub> {
  const stub = await startScanstub({ database: join(tempDir(t), 'scanstub.db') })
  t.teardown(() => stub.close())
  await stub.clock().set('2031-06-01T08:00:00Z')
  return stub
}

/** Python's urljoin for the cases the scripts use: a base ending in / and a relative path. */
const urljoin = (base: string, path: string) => new URL(path, base.endsWith('/') ? base : `${base}/`).toString()

t.test('a client in the style of the Jenkins plugin: bare POST, any 2xx, poll each minute until final, read the counts', async t => {
  const stub = await stubFor(t)
  const headers = { authorization: `JWT ${stub.token()}` }
  const start = await fetch(urljoin(stub.url, `targets/${A}/scan_now/`), { method: 'POST', headers })
  t.ok(start.status >= 200 && start.status < 300)
  const { id } = await start.json() as { id: string }
  let polls = 0
  let scan: { status: string, lows: number, mediums: number, highs: number }
  for (;;) {
    scan = await (await fetch(urljoin(stub.url, `targets/${A}/scans/${id}/`), { headers })).json() as typeof scan
    if (!['queued', 'started'].includes(scan.status) || polls >= 30) break
    polls++
    await stub.clock().advance(60_000) // the plugin's sleep of a minute
  }
  t.equal(scan.status, 'completed')
  t.equal(polls, 1, 'the default durations (seconds) end within the first minute')
  t.same([scan.lows, scan.mediums, scan.highs], [1, 1, 1])
})

t.test('a CI gate: start, advance the clock, list the findings of the scan, fail the build on highs', async t => {
  const stub = await stubFor(t)
  const headers = { authorization: `JWT ${stub.token()}`, 'content-type': 'application/json' }
  async function gate (target: string): Promise<'pass' | 'fail'> {
    const start = await fetch(`${stub.url}/targets/${target}/scan_now/`, { method: 'POST', headers, body: JSON.stringify({ scan_profile: 'normal' }) })
    if (start.status !== 200) throw new Error(`scan_now: ${start.status}`)
    const { id } = await start.json() as { id: string }
    await stub.clock().advance(10 * 60_000)
    const scan = await (await fetch(`${stub.url}/targets/${target}/scans/${id}/`, { headers })).json() as { status: string, highs: number }
    if (!FINAL.includes(scan.status)) throw new Error('scan did not end')
    const findings = await (await fetch(`${stub.url}/targets/${target}/findings/?scan=${id}&severity=30&length=100`, { headers })).json() as { count: number, results: { severity: number }[] }
    t.equal(findings.count, scan.highs, 'the scan\'s highs agree with its findings')
    return findings.results.some(f => f.severity === 30) ? 'fail' : 'pass'
  }
  t.equal(await gate(A), 'fail', 'A has a SQL injection in the demo data')
  t.equal(await gate(B), 'pass', 'B has a low only')
  // the outcome is the test's choice: a failed scan fails the gate another way
  await stub.probely.setSettings({ outcomes: { targets: { [B]: 'failed' } } })
  const start = await fetch(`${stub.url}/targets/${B}/scan_now/`, { method: 'POST', headers, body: '{}' })
  const { id } = await start.json() as { id: string }
  await stub.clock().advance(60_000)
  t.equal(stub.probely.scans({ targetId: B }).find(s => s.id === id)?.status, 'failed')
})

t.test('the public scan_now script: no body, JWT header, urljoin; it reads `id` or `error`; a 503 retried', async t => {
  const stub = await stubFor(t)
  const headers = { authorization: `JWT ${stub.token()}` }
  stub.fault({ method: 'POST', path: '/targets/*/scan_now/', status: 503, times: 1 })
  const results: Record<string, string> = {}
  const targets = await (await fetch(urljoin(stub.url, 'targets/?length=10000'), { headers })).json() as { results: { id: string }[] }
  for (const { id } of targets.results) {
    let res = await fetch(urljoin(stub.url, `targets/${id}/scan_now/`), { method: 'POST', headers })
    if (res.status === 503) {
      t.same(await res.json(), { detail: 'Service temporarily unavailable, try again later.' }, 'in DRF\'s shape')
      res = await fetch(urljoin(stub.url, `targets/${id}/scan_now/`), { method: 'POST', headers })
    }
    const body = await res.json() as { id?: string, error?: string }
    results[id] = body.id ? 'started' : `refused: ${body.error}`
  }
  t.same(results, { [A]: 'started', [B]: 'started' })
  const again = await (await fetch(urljoin(stub.url, `targets/${A}/scan_now/`), { method: 'POST', headers })).json()
  t.same(again, { error: 'There is already a scan running on this target.' })
  t.match(stub.requests({ path: '/targets/*/scan_now/' }).map(r => r.status), [400, 200, 200, 503])

  // the SDK's way: JSON {} on every call, GET scans/{id} without the slash, then the action on the target route
  const sdk = { ...headers, 'content-type': 'application/json' }
  const running = stub.probely.scans({ targetId: A })[0]
  const got = await (await fetch(`${stub.url}/scans/${running.id}`, { method: 'GET', headers: sdk })).json() as { target: { id: string } }
  const cancel = await fetch(`${stub.url}/targets/${got.target.id}/scans/${running.id}/cancel/`, { method: 'POST', headers: sdk, body: JSON.stringify({ target_options: { site: {}, scanning_agent: null }, has_sequence_navigation: false, user_data: null }) })
  t.equal(cancel.status, 200)
  await stub.clock().advance(1000)
  t.equal((await stub.probely.finishScan(stub.probely.scans({ targetId: B })[0].id, 'completed')).status, 'completed')
  t.same(stub.probely.scans().map(s => s.status), ['canceled', 'completed'])
  const list = await (await fetch(`${stub.url}/scans/?ordering=-changed&length=50&page=1&status=canceled&status=completed`, { headers: sdk })).json() as { count: number, page_total: number }
  t.same([list.count, list.page_total], [2, 1])
})
