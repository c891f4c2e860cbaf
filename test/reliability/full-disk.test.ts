import { join } from 'node:path'
import t from 'tap'
import { tempDir } from '../helpers'
import { STRESS, serve, token } from './process'

// A full disk for real: the server runs under a file-size limit (ulimit -f), so SQLite's COMMITs fail
// once the WAL reaches it (SQLITE_IOERR_WRITE: EFBIG). Issue 19: concurrent GETs of a failing batch were answered 200
// with values then rolled back. What must hold: a GET answers only committed values, a failed write is
// a 503 in the vendor's shape (never a 500, never a 200), and a restart without the
// limit finds the last acknowledged write.

const SCAN = '/api/v1/scans/scan-adhoc'
const auth = { authorization: `Bearer ${token()}` }

t.test('a full disk: no GET shows a value whose COMMIT failed; failed writes are vendor-shaped 503s', async t => {
  const db = join(tempDir(t), 'full.db')
  // the demo data and migrations fit (~380 KB of WAL); about ten 60 KB writes later the WAL does not
  const server = await serve(db, {}, 640)
  t.teardown(() => { server.child.kill('SIGKILL') })
  const padding = 'x'.repeat(60_000)
  const acked = new Set<number>()
  const refused: number[] = []
  const other: string[] = []
  const shown: number[] = []
  let readsRefused = 0
  const rounds = STRESS ? 60 : 25
  let n = 0
  let writeFailed = false
  const started = Date.now()
  for (let round = 0; round < rounds && Date.now() - started < 60_000; round++) {
    // big writes fill the disk first; then small ones, whose bodies arrive in one piece beside the GETs
    const writes = [0, 1].map(async () => {
      const v = ++n
      const res = await fetch(server.url + SCAN, { method: 'PATCH', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ config: { v, padding: writeFailed ? padding.slice(0, 8000) : padding } }) })
      const body = await res.json() as any
      writeFailed ||= res.status !== 200
      if (res.status === 200) acked.add(v)
      else if (res.status === 503 && body.code === 503 && body.error === 'Service Unavailable' && res.headers.get('retry-after') === '1') refused.push(v)
      else other.push(`PATCH ${res.status} ${JSON.stringify(body).slice(0, 200)}`)
    })
    const reads = Array.from({ length: 12 }, async () => {
      const res = await fetch(server.url + SCAN, { headers: auth })
      const body = await res.json() as any
      if (res.status === 200) shown.push(Number(body.data.config.v ?? 0))
      else if (res.status === 503 && body.code === 503) readsRefused++
      else other.push(`GET ${res.status} ${JSON.stringify(body).slice(0, 200)}`)
    })
    await Promise.all([...writes, ...reads])
  }
  t.same(other, [], 'every answer a 200 or a 503 in Neostra\'s shape')
  t.ok(acked.size > 0, `some writes landed (${acked.size})`)
  t.ok(refused.length > 0, `the disk filled: ${refused.length} writes refused`)
  const unacked = shown.filter(v => v !== 0 && !acked.has(v))
  t.same(unacked, [], `no GET showed a value whose write was rolled back (${shown.length} GETs answered 200)`)
  // (/health is not asked here: its probe is a one-page write, which a WAL SQLite rewinds may still take;
  // test/health.test.ts covers a disk that refuses every write)
  t.comment(`full disk: ${acked.size} writes acknowledged, ${refused.length} refused (503), ${shown.length} GETs answered 200, none with a rolled-back value, ${readsRefused} refused (503)`)

  server.child.kill('SIGKILL')
  await server.exited
  const again = await serve(db)
  t.teardown(() => { again.child.kill('SIGKILL') })
  const stored = ((await (await fetch(again.url + SCAN, { headers: auth })).json()) as any).data.config.v
  t.ok(acked.has(stored), `after a restart without the limit: the stored value (${stored}) is an acknowledged one`)
  t.equal(stored, Math.max(...acked), 'the last acknowledged')
})
