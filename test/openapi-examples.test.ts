import t from 'tap'
import { MADE_ID_EXAMPLES } from '../src/openapi-document'
import { buildTestApp } from './helpers'

// spawns processes (CLI, tsc, generators): slow when the machine is shared
t.setTimeout(6 * 60_000)

const METHODS = ['get', 'put', 'post', 'delete', 'patch']

/**
 * "Try it out" in /docs: every operation's examples (path and query parameters, request body) sent as
 * Swagger UI sends them, on the demo data, answer 2xx. The tenant is reset before each, so one
 * example's changes (a DELETE) do not break the next.
 */
t.test('each operation\'s examples answer 2xx on a fresh start', async t => {
  const { app, token } = await buildTestApp(t)
  const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
  let sent = 0
  const target = doc.paths['/targets/{target_id}/scan_now/'].post.parameters.find((p: any) => p.name === 'target_id').example
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method]
      if (!op) continue
      const label = `${method.toUpperCase()} ${path} (${op.operationId})`
      for (const p of op.parameters ?? []) t.not(p.example, undefined, `${label}: parameter ${p.name} has an example`)
      const body = op.requestBody?.content?.['application/json']?.example
      if (op.requestBody) t.not(body, undefined, `${label}: the request body has an example`)

      t.equal((await app.inject({ method: 'POST', url: '/__admin/reset?tenant=default' })).statusCode, 200)
      let url = path
      const query = new URLSearchParams()
      for (const p of op.parameters ?? []) {
        if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(String(p.example)))
        if (p.in === 'query') query.set(p.name, String(p.example))
      }
      const tag = op.tags?.[0]
      const headers: Record<string, string> = {}
      if (tag === 'neostra') headers.authorization = `Bearer ${token()}`
      if (tag === 'probely') headers.authorization = `JWT ${token()}`
      // ids made at run time: the example shows the form; the record is made first, as its own example makes it
      const exampleOf = (p: string, m: string) => doc.paths[p][m].requestBody.content['application/json'].example
      const probelyAuth = { authorization: `JWT ${token()}` }
      const scanNow = async () => {
        const started = await app.inject({ method: 'POST', url: `/targets/${target}/scan_now/`, headers: probelyAuth, payload: exampleOf('/targets/{target_id}/scan_now/', 'post') })
        t.equal(started.statusCode, 200, `${label}: a scan started first`)
        return started.json().id as string
      }
      const advance = async (ms: number) => t.equal((await app.inject({ method: 'POST', url: '/__admin/clock?tenant=default', payload: { advanceMs: ms } })).statusCode, 200)
      // queued, then started (queuedMs), then paused (transitionMs): the demo settings' durations
      const probelyScanIn = async (status: 'queued' | 'started' | 'paused') => {
        const id = await scanNow()
        if (status !== 'queued') await advance(1000)
        if (status === 'paused') {
          t.equal((await app.inject({ method: 'POST', url: `/targets/${target}/scans/${id}/pause/`, headers: probelyAuth })).statusCode, 200, `${label}: the scan paused first`)
          await advance(1000)
        }
        return id
      }
      const setup: Record<string, () => Promise<void>> = {
        'DELETE /__admin/faults/{id}': async () => {
          // a fault's id is made when it is added: the id of the one the POST example adds
          const added = await app.inject({ method: 'POST', url: '/__admin/faults', payload: exampleOf('/__admin/faults', 'post') })
          url = url.replace(/[^/]+$/, added.json().id)
        },
        'GET /targets/{target_id}/scans/{id}/': async () => { url = url.replace(MADE_ID_EXAMPLES.probelyScan, await scanNow()) },
        'GET /scans/{id}/': async () => { url = url.replace(MADE_ID_EXAMPLES.probelyScan, await scanNow()) },
        // the tenant's first finding: its first scan, completed
        'GET /findings/{id}/': async () => { await scanNow(); await advance(10_000) },
        'POST /targets/{target_id}/scans/{id}/cancel/': async () => { url = url.replace(MADE_ID_EXAMPLES.probelyScan, await probelyScanIn('queued')) },
        'POST /targets/{target_id}/scans/{id}/pause/': async () => { url = url.replace(MADE_ID_EXAMPLES.probelyScan, await probelyScanIn('started')) },
        'POST /targets/{target_id}/scans/{id}/resume/': async () => { url = url.replace(MADE_ID_EXAMPLES.probelyScan, await probelyScanIn('paused')) },
        'POST /__admin/probely/scans/{id}/finish': async () => { url = url.replace(MADE_ID_EXAMPLES.probelyScan, await probelyScanIn('started')) },
        // the bulk examples name the target: its running scan
        'POST /scans/bulk/cancel/': async () => { await probelyScanIn('queued') },
        'POST /scans/bulk/pause/': async () => { await probelyScanIn('started') },
        'POST /scans/bulk/resume/': async () => { await probelyScanIn('paused') },
        'PATCH /api/v1/scan-tasks/{taskId}': async () => {
          // a task is made when a scan launches: the first task of the demo scan the launch example names
          const launched = await app.inject({ method: 'POST', url: `/__admin/neostra/scans/${encodeURIComponent(doc.paths['/__admin/neostra/scans/{scanId}/launch'].post.parameters.find((p: any) => p.name === 'scanId').example)}/launch?tenant=default` })
          t.equal(launched.statusCode, 201, `${label}: a scan launched first`)
          url = url.replace(MADE_ID_EXAMPLES.neostraTask, launched.json().tasks[0].id)
        },
        'POST /api/v1/auth/select-tenant': async () => {
          // select-tenant takes the token of a user that signs in: the sign-in example's
          const signedIn = await app.inject({ method: 'POST', url: '/api/v1/auth/signin', payload: exampleOf('/api/v1/auth/signin', 'post') })
          t.equal(signedIn.statusCode, 200, `${label}: signed in first`)
          headers.authorization = `Bearer ${signedIn.json().data.token}`
        },
        'GET /__admin/requests/wait': async () => {
          // the wait example's filter (a PATCH of a scan answered 200): the PATCH example, sent first
          const patch = doc.paths['/api/v1/scans/{scanId}'].patch
          const scanId = patch.parameters.find((p: any) => p.name === 'scanId').example
          const sentFirst = await app.inject({ method: 'PATCH', url: `/api/v1/scans/${encodeURIComponent(scanId)}`, headers: { authorization: `Bearer ${token()}` }, payload: patch.requestBody.content['application/json'].example })
          t.equal(sentFirst.statusCode, 200, `${label}: the PATCH example sent first`)
        }
      }
      await setup[`${method.toUpperCase()} ${path}`]?.()
      const res = await app.inject({ method: method.toUpperCase() as 'GET', url: `${url}${query.size ? `?${query}` : ''}`, headers, ...(body === undefined ? {} : { payload: body }) })
      t.ok(res.statusCode >= 200 && res.statusCode < 300, `${label} answers ${res.statusCode}: ${res.body.slice(0, 200)}`)
      t.ok(op.responses[String(res.statusCode)], `${label}: ${res.statusCode} is documented`)
      sent++
    }
  }
  t.ok(sent >= 68, `${sent} operations tried`) // issue 21: 60 with the Probely and Neostra workflows, the clock, waits and metrics; issue 24: 8 more (targets, findings)
})
