import { connect } from 'node:net'
import t from 'tap'
import { buildTestApp } from '../helpers'

// What Node answers before Fastify runs (431, 400, 408) and the 503s of a stop: in the owner's shape,
// never Fastify's `{"error","message","statusCode"}` (issue 19); a refused request is journaled (issue 20).

/** Sends raw bytes (in pieces, `gapMs` apart) and resolves with all the server sent back. */
function raw (url: string, pieces: string[], gapMs = 20): Promise<string> {
  const { port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1')
    let got = ''
    socket.on('data', d => { got += d })
    socket.on('close', () => resolve(got))
    socket.on('error', reject)
    socket.setTimeout(5000, () => socket.destroy())
    pieces.forEach((piece, i) => setTimeout(() => socket.writable && socket.write(piece), i * gapMs))
  })
}

const parse = (answer: string) => {
  const [head, body] = answer.split('\r\n\r\n')
  return { status: Number(head.split(' ')[1]), head, body: JSON.parse(body) }
}

const bigHeader = `X-Big: ${'a'.repeat(20_000)}\r\n`

t.test('431: headers too large, in the vendor\'s shape, journaled', async t => {
  const { app } = await buildTestApp(t)
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  const probely = parse(await raw(url, [`GET /targets/?q=1 HTTP/1.1\r\nHost: x\r\n${bigHeader}\r\n`]))
  t.same([probely.status, probely.body], [431, { detail: 'Request Header Fields Too Large.' }], 'Probely (DRF\'s detail)')
  t.match(probely.head, /content-type: application\/json/i)
  const neostra = parse(await raw(url, [`GET /api/v1/scans HTTP/1.1\r\nHost: x\r\n${bigHeader}\r\n`]))
  t.same([neostra.status, neostra.body], [431, { error: 'Request Header Fields Too Large', message: 'Request Header Fields Too Large', code: 431 }], 'Neostra ({error, message, code})')
  const admin = parse(await raw(url, [`GET /__admin/requests HTTP/1.1\r\nHost: x\r\n${bigHeader}\r\n`]))
  t.same([admin.status, admin.body], [431, { error: 'Request Header Fields Too Large', message: 'the request\'s headers are too large' }], 'the admin API\'s shape')
  // the request line in one packet, the oversized headers in the next: the path is unknown
  // (300 ms apart; on a loaded machine both may still arrive in one read, and then the path is known)
  const later = parse(await raw(url, ['GET /api/v1/scans HTTP/1.1\r\nHost: x\r\n', `${bigHeader}\r\n`], 300))
  const split = later.body.detail !== undefined
  t.same([later.status, later.body], split
    ? [431, { detail: 'Request Header Fields Too Large.' }]
    : [431, { error: 'Request Header Fields Too Large', message: 'Request Header Fields Too Large', code: 431 }],
  split ? 'no request line read: the vendor of unclaimed paths answers' : 'read in one piece after all: Neostra\'s')

  const journal = app.journal.find({ tenant: '(anonymous)', status: 431 })
  t.same(journal.map(e => [e.method, e.path, e.status, e.matched]).reverse(), [
    ['GET', '/targets/', 431, false], ['GET', '/api/v1/scans', 431, false], ['GET', '/__admin/requests', 431, false],
    split ? ['', '(unknown: the request line was not read)', 431, false] : ['GET', '/api/v1/scans', 431, false]
  ], 'each journaled in the anonymous share')
  t.equal(journal.at(-1)!.refused, 'Request Header Fields Too Large.', 'with the reason')
  t.ok(String(journal.at(-1)!.headers['x-big']).length < 2000, 'a header kept cut')
})

t.test('a request Node cannot parse is a 400 in the vendor\'s shape', async t => {
  const { app } = await buildTestApp(t)
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  const bad = parse(await raw(url, ['PATCH /api/v1/scans/scan-adhoc HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n']))
  t.same([bad.status, bad.body], [400, { status: 400, message: 'Bad Request', data: {}, errors: ['Bad Request'] }], 'Neostra\'s 400 envelope')
  const drf = parse(await raw(url, ['POST /targets/x/scan_now/ HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n']))
  t.same([drf.status, drf.body], [400, { detail: 'Bad request.' }], 'DRF\'s')
})

t.test('while stopping: the request in flight is answered, one arriving after gets a 503 in its vendor\'s shape', async t => {
  const { app, token } = await buildTestApp(t)
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  // the first request is held 400 ms by a latency rule, so the stop begins while it is in flight
  await app.inject({ method: 'POST', url: '/__admin/faults', payload: { tenant: '*', path: '/targets/', delayMs: 400, times: 1 } })
  const auth = `Authorization: JWT ${token()}\r\n`
  const answers = raw(url, [`GET /targets/ HTTP/1.1\r\nHost: x\r\n${auth}\r\n`, `GET /targets/ HTTP/1.1\r\nHost: x\r\n${auth}\r\n`], 200)
  setTimeout(() => { app.close().catch(() => {}) }, 100)
  const text = await answers
  const parts = text.split(/(?=HTTP\/1\.1 )/)
  t.equal(parts.length, 2, 'two answers on the one connection')
  t.match(parts[0], /^HTTP\/1\.1 200 /, 'the request in flight: its real answer')
  t.match(parts[1], /^HTTP\/1\.1 503 /, 'the one after the stop began: a 503')
  t.match(parts[1], /retry-after: 1/i)
  t.match(parts[1], /connection: close/i)
  t.same(JSON.parse(parts[1].split('\r\n\r\n')[1]), { detail: 'Service temporarily unavailable, try again later.' }, 'in DRF\'s shape, not Fastify\'s')
})
