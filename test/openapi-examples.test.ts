import t from 'tap'
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
      if (path === '/__admin/faults/{id}') {
        // a fault's id is made when it is added: the id of the one the POST example adds
        const added = await app.inject({ method: 'POST', url: '/__admin/faults', payload: doc.paths['/__admin/faults'].post.requestBody.content['application/json'].example })
        url = url.replace(/[^/]+$/, added.json().id)
      }
      const tag = op.tags?.[0]
      const headers: Record<string, string> = {}
      if (tag === 'neostra') headers.authorization = `Bearer ${token()}`
      if (tag === 'probely') headers.authorization = `JWT ${token()}`
      const res = await app.inject({ method: method.toUpperCase() as 'GET', url: `${url}${query.size ? `?${query}` : ''}`, headers, ...(body === undefined ? {} : { payload: body }) })
      t.ok(res.statusCode >= 200 && res.statusCode < 300, `${label} answers ${res.statusCode}: ${res.body.slice(0, 200)}`)
      t.ok(op.responses[String(res.statusCode)], `${label}: ${res.statusCode} is documented`)
      sent++
    }
  }
  t.ok(sent >= 29, `${sent} operations tried`)
})
