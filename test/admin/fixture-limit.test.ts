import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import t from 'tap'
import { buildTestApp, demoFixture } from '../helpers'

/** A PUT over real HTTP, its body sent in 64 KiB chunks (chunked when `length` is false); what the client saw. */
function put (port: number, path: string, body: Buffer, length = true): Promise<{ status?: number, body: string, clientError?: string, sent: number }> {
  return new Promise(resolve => {
    let sent = 0
    const req = request({ agent: false, host: '127.0.0.1', port, method: 'PUT', path, headers: { 'content-type': 'application/json', ...(length ? { 'content-length': body.length } : {}) } }, res => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', c => { text += c })
      res.on('end', () => resolve({ status: res.statusCode, body: text, sent }))
    })
    req.on('error', err => resolve({ body: '', clientError: (err as NodeJS.ErrnoException).code ?? err.message, sent }))
    const pump = () => {
      while (sent < body.length) {
        const chunk = body.subarray(sent, sent + 65536)
        sent += chunk.length
        if (!req.write(chunk)) { req.once('drain', pump); return }
      }
      req.end()
    }
    pump()
  })
}

/** The demo fixture padded past `bytes` with scan profiles. */
function fixtureOf (bytes: number): Buffer {
  const f = demoFixture()
  const profile = f.probely.scanProfiles[0]
  for (let i = 0; JSON.stringify(f).length < bytes; i++) f.probely.scanProfiles.push({ ...profile, id: `profile-${i}`, description: 'x'.repeat(1000) })
  return Buffer.from(JSON.stringify(f))
}

t.test('PUT /__admin/fixtures has its own body limit (FIXTURE_BODY_LIMIT), not the vendors\' 1 MiB; past it a 413 the client reads', async t => {
  const { app } = await buildTestApp(t, { FIXTURE_BODY_LIMIT: String(3 * 1024 * 1024) })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as AddressInfo

  const two = fixtureOf(2 * 1024 * 1024)
  const loaded = await put(port, '/__admin/fixtures?tenant=big', two)
  t.equal(loaded.status, 200, 'a 2 MiB fixture loads')
  t.ok(JSON.parse(loaded.body).loaded.scanProfiles > 1000)

  const past = fixtureOf(8 * 1024 * 1024)
  for (const length of [true, false]) {
    const refused = await put(port, '/__admin/fixtures?tenant=big2', past, length)
    t.equal(refused.clientError, undefined, `no EPIPE or reset (${length ? 'Content-Length' : 'chunked'})`)
    t.equal(refused.sent, past.length, 'the whole body was sent')
    t.equal(refused.status, 413)
    t.same(JSON.parse(refused.body), { error: 'Payload Too Large', message: `the body is larger than ${3 * 1024 * 1024} bytes (FIXTURE_BODY_LIMIT)` })
  }
  const tenants = (await app.inject({ method: 'GET', url: '/__admin/state' })).json()
  t.notOk(JSON.stringify(tenants).includes('big2'), 'nothing of the refused fixture stored')

  // the vendors keep their 1 MiB, and their 413 is read too
  const vendor = await new Promise<{ status?: number, clientError?: string }>(resolve => {
    const body = Buffer.alloc(4 * 1024 * 1024, 32)
    const req = request({ host: '127.0.0.1', port, method: 'PATCH', path: '/api/v1/scans/scan-adhoc', headers: { 'content-type': 'application/json', authorization: `Bearer ${app.mintToken({ sub: 'u' })}`, 'content-length': body.length } }, res => { res.resume(); res.on('end', () => resolve({ status: res.statusCode })) })
    req.on('error', err => resolve({ clientError: (err as NodeJS.ErrnoException).code }))
    req.end(body)
  })
  t.same(vendor, { status: 413 }, 'a vendor 413 over 1 MiB, read before it is answered')
})
