import { request } from 'node:http'
import { join } from 'node:path'
import t from 'tap'
import { startScanstub, type Scanstub } from '../../src/index'
import { tempDir, type TestContext } from '../helpers'
import { emailValidatorAccepts, findingProblems, pageProblems, scanProblems, targetProblems } from './sdk-rules'

/**
 * Probely's official SDK (probely-python), unchanged, as shared/docs/probely-clients.md describes it: every
 * call with `Authorization: JWT <key>`, `Content-Type: application/json` and the body `{}` (GET and DELETE
 * included), the paths it sends without the final slash, exact status codes, and every answer checked
 * against its models' rules (sdk-rules.ts). Over real HTTP on 127.0.0.1, a real SQLite file.
 */

const A = 'AxtkqTE1AbFd'

interface Answer { status: number, reason: string, body: any }

/** One SDK call: node:http, since fetch refuses a body on GET. */
function sdk (stub: Scanstub, key: string) {
  return (method: string, path: string, body: unknown = {}): Promise<Answer> => new Promise((resolve, reject) => {
    const payload = JSON.stringify(body)
    const req = request(new URL(path, `${stub.url}/`), {
      method,
      headers: { authorization: `JWT ${key}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
    }, res => {
      const chunks: Buffer[] = []
      res.on('data', c => chunks.push(c))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString()
        resolve({ status: res.statusCode ?? 0, reason: res.statusMessage ?? '', body: text === '' ? undefined : JSON.parse(text) })
      })
    })
    req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${path}: no answer in 10 s`)))
    req.on('error', reject)
    req.end(payload)
  })
}

async function stubFor (t: TestContext): Promise<Scanstub> {
  const stub = await startScanstub({ database: join(tempDir(t), 'scanstub.db') })
  t.teardown(() => stub.close())
  await stub.clock().set('2031-06-01T08:00:00Z')
  return stub
}

/** The SDK's list_targets: `ordering=-changed&length=50&page=N` until `page_total`. */
async function listTargets (call: ReturnType<typeof sdk>, t: { equal: (a: unknown, b: unknown) => unknown, same: (a: unknown, b: unknown) => unknown }): Promise<any[]> {
  const all: any[] = []
  for (let page = 1; page <= 100; page++) {
    const res = await call('GET', `targets/?ordering=-changed&length=50&page=${page}`)
    t.equal(res.status, 200)
    t.same(pageProblems('page', res.body), [])
    all.push(...res.body.results)
    if (page >= res.body.page_total) break
  }
  return all
}

t.test('the default token claims and the demo data carry e-mails email-validator accepts', async t => {
  const stub = await stubFor(t)
  const claims = JSON.parse(Buffer.from(stub.token().split('.')[1], 'base64url').toString())
  t.ok(emailValidatorAccepts(claims.email), `the default token's e-mail ${claims.email}`)
  for (const refused of ['user@scanstub.local', 'a@b.test', 'a@x.invalid', 'a@localhost', 'a@host']) t.notOk(emailValidatorAccepts(refused), refused)
  for (const accepted of ['alice@example.com', 'ci@scanstub.example.com', 'dana@acme.example']) t.ok(emailValidatorAccepts(accepted), accepted)
  const call = sdk(stub, stub.token())
  for (const target of await listTargets(call, t)) t.same(targetProblems(`target ${target.id}`, target), [], `demo target ${target.id}`)
})

t.test('targets as the SDK manages them: list, add, get, update, bulk update, delete, bulk delete', async t => {
  const stub = await stubFor(t)
  const call = sdk(stub, stub.token())
  const before = await listTargets(call, t)

  const added = await call('POST', 'targets/?duplicate_check=False&skip_reachability_check=True', { site: { url: 'https://sdk.example.com', name: 'From the SDK' }, type: 'single' })
  t.equal(added.status, 201)
  t.equal(added.reason, 'Created')
  t.same(targetProblems('added', added.body), [])
  const id = added.body.id

  const got = await call('GET', `targets/${id}`)
  t.equal(got.status, 200)
  t.same(got.body, added.body)

  const updated = await call('PATCH', `targets/${id}/`, { site: { name: 'Renamed by the SDK' } })
  t.equal(updated.status, 200)
  t.same(targetProblems('updated', updated.body), [])
  t.equal(updated.body.site.name, 'Renamed by the SDK')
  t.equal(updated.body.site.url, 'https://sdk.example.com', 'site patched, not replaced')

  // bulk update: the SDK checks each id with GET targets/{id} first
  for (const each of [A, id]) t.equal((await call('GET', `targets/${each}`)).status, 200)
  const bulk = await call('POST', 'targets/bulk/update/', { ids: [A, id], labels: [{ name: 'sdk' }] })
  t.equal(bulk.status, 200)
  t.same(bulk.body, { ids: [A, id] })
  const listed = await listTargets(call, t)
  t.equal(listed.length, before.length + 1)
  for (const target of listed) t.same(targetProblems(`listed ${target.id}`, target), [])
  t.ok(listed.filter(x => x.id === A || x.id === id).every(x => x.labels.some((l: { name: string }) => l.name === 'sdk')))

  const missing = await call('GET', 'targets/NoSuchTarget')
  t.equal(missing.status, 404)
  const refused = await call('POST', 'targets/', { site: { name: 'no url' } })
  t.equal(refused.status, 400)
  t.same(refused.body, { site: { url: ['This field is required.'] } })

  const deleted = await call('DELETE', `targets/${id}/`)
  t.equal(deleted.status, 204)
  t.equal(deleted.body, undefined)
  t.equal((await call('GET', `targets/${id}`)).status, 404)

  const second = (await call('POST', 'targets/?duplicate_check=False&skip_reachability_check=True', { site: { url: 'https://two.example.com', name: 'Two' }, type: 'api' })).body
  t.equal((await call('GET', `targets/${second.id}`)).status, 200)
  const bulkDelete = await call('POST', 'targets/bulk/delete/', { ids: [second.id] })
  t.equal(bulkDelete.status, 200)
  t.same((await listTargets(call, t)).map(x => x.id), listed.filter(x => x.id !== id).map(x => x.id))
})

t.test('scans and findings as the SDK reads them: scan_now, scans by status, actions after a GET, bulk, findings', async t => {
  const stub = await stubFor(t)
  const call = sdk(stub, stub.token())
  const target = (await call('POST', 'targets/?duplicate_check=False&skip_reachability_check=True', { site: { url: 'https://scan.example.com', name: 'Scanned' }, type: 'single' })).body

  const started = await call('POST', `targets/${A}/scan_now/`)
  t.equal(started.status, 200)
  t.same(scanProblems('started', started.body), [])
  const scanId = started.body.id
  const running = await call('GET', 'scans/?status=queued&status=started')
  t.equal(running.status, 200)
  t.same(pageProblems('scans', running.body), [])
  t.same(running.body.results.map((s: { id: string }) => s.id), [scanId])

  // single actions: GET scans/{id}, then POST the target's route with the SDK's body
  await stub.clock().advance(1000) // queued -> started
  const actionBody = (scan: any) => ({ target_options: { site: scan.target.site, scanning_agent: scan.target.scanning_agent }, has_sequence_navigation: false, user_data: null })
  for (const action of ['pause', 'resume', 'cancel']) {
    const scan = await call('GET', `scans/${scanId}`)
    t.equal(scan.status, 200)
    t.same(scanProblems(`scan before ${action}`, scan.body), [])
    const acted = await call('POST', `targets/${scan.body.target.id}/scans/${scanId}/${action}/`, actionBody(scan.body))
    t.equal(acted.status, 200, action)
    t.same(scanProblems(action, acted.body), [])
    await stub.clock().advance(1000)
  }
  t.equal((await call('GET', `scans/${scanId}`)).body.status, 'canceled')

  // bulk start answers a JSON array of scans; the others take the scans or targets
  const bulkStart = await call('POST', 'scans/bulk/start/', { targets: [{ id: A }, { id: target.id }] })
  t.equal(bulkStart.status, 200)
  t.ok(Array.isArray(bulkStart.body))
  for (const s of bulkStart.body) t.same(scanProblems('bulk started', s), [])
  const bulkCancel = await call('POST', 'scans/bulk/cancel/', { scans: [{ id: bulkStart.body[1].id }] })
  t.equal(bulkCancel.status, 200)
  await stub.clock().advance(10_000) // A's scan completes, with its fixture's findings

  const findings = await call('GET', 'findings')
  t.equal(findings.status, 200)
  t.same(pageProblems('findings', findings.body), [])
  t.equal(findings.body.count, 3)
  for (const f of findings.body.results) t.same(findingProblems(`finding ${f.id}`, f), [])
  const one = await call('GET', `findings/${findings.body.results[0].id}`)
  t.equal(one.status, 200)
  t.same(one.body, findings.body.results[0])
  t.equal((await call('GET', 'findings/999999')).status, 404)
  t.equal((await call('GET', 'findings/not-a-number')).status, 404)
  const highs = await call('GET', `findings?severity=30&target=${A}`)
  t.same(highs.body.results.map((f: { severity: number }) => f.severity), [30])
})
