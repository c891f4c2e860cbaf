import { connect } from 'node:net'
import { join } from 'node:path'
import t from 'tap'
import { STOP_GRACE_MS } from '../../src/server'
import { tempDir } from '../helpers'
import { serve, token } from './process'

t.setTimeout(60_000)

t.test('SIGTERM ends within the grace period even with clients whose bodies never complete', async t => {
  const server = await serve(join(tempDir(t), 'stalled.db'))
  t.teardown(() => { server.child.kill('SIGKILL') })
  const { port } = new URL(server.url)
  // ten clients that send the headers and a tenth of the body, then stall
  const sockets = Array.from({ length: 10 }, () => {
    const socket = connect(Number(port), '127.0.0.1')
    socket.on('error', () => {})
    socket.write(`PATCH /api/v1/scans/scan-adhoc HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token()}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"name":`)
    return socket
  })
  t.teardown(() => { for (const s of sockets) s.destroy() })
  // a whole request still gets its answer while they stall
  const res = await fetch(`${server.url}/api/v1/scans/scan-adhoc`, { headers: { authorization: `Bearer ${token()}` } })
  t.equal(res.status, 200)
  const stoppedAt = Date.now()
  server.child.kill('SIGTERM')
  const code = await server.exited
  const took = Date.now() - stoppedAt
  t.equal(code, 0, 'a clean exit')
  t.ok(took < STOP_GRACE_MS + 5000, `stopped in ${took} ms (grace ${STOP_GRACE_MS} ms)`)
})
