import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { tempDir } from '../helpers'
import { STRESS, patch, serve, token } from './process'

const SCAN = '/api/v1/scans/scan-adhoc'
const SS = '/targets/AxtkqTE1AbFd/scheduledscans/Dq7HkZ2vRtYp'

t.test('SIGKILL while a client PATCHes in a loop loses no write that got a 200', async t => {
  const db = join(tempDir(t), 'durable.db')
  const cycles = STRESS ? 20 : 3
  let sent = 0
  for (let cycle = 0; cycle < cycles; cycle++) {
    const server = await serve(db)
    let lastAcked = -1
    let killed = false
    const writer = (async () => {
      while (!killed) { // eslint-disable-line no-unmodified-loop-condition -- set by the kill below, while this loop awaits
        const n = sent++
        try {
          const res = await patch(server.url, SCAN, 'Bearer', { name: `v${n}`, config: { n } })
          if (res.status === 200) lastAcked = n
        } catch { break } // the connection died with the server
      }
    })()
    await new Promise(resolve => setTimeout(resolve, 150 + Math.floor(Math.random() * 250)))
    killed = true
    server.child.kill('SIGKILL')
    await writer
    await server.exited
    t.ok(lastAcked >= 0, `cycle ${cycle}: some writes were acknowledged`)

    const again = await serve(db)
    const read = await fetch(again.url + SCAN, { headers: { authorization: `Bearer ${token()}` } })
    const stored = Number(((await read.json()) as any).data.config.n)
    t.ok(stored >= lastAcked, `cycle ${cycle}: stored write ${stored} is the last acknowledged (${lastAcked}) or later`)
    again.child.kill('SIGKILL')
    await again.exited
  }
})

t.test('no lost updates: concurrent PATCHes of different fields of one record all land', async t => {
  const server = await serve(join(tempDir(t), 'concurrent.db'))
  t.teardown(() => { server.child.kill('SIGKILL') })
  const rounds = STRESS ? 50 : 5
  for (let round = 0; round < rounds; round++) {
    const probely = [
      { partial_scan: round % 2 === 0 }, { incremental: round % 2 === 0 }, { reduced_scope: round % 2 === 0 },
      { override_target_settings: round % 2 === 0 }, { timezone: round % 2 ? 'Europe/Lisbon' : 'Asia/Tokyo' },
      { recurrence: round % 2 ? 'd' : 'h' }, { date_time: `2031-01-${String(round % 28 + 1).padStart(2, '0')}T00:00:00Z` }
    ]
    const neostra = [{ name: `n${round}` }, { description: `d${round}` }, { schedule: round % 2 ? '@daily' : null }, { config: { round } }]
    const results = await Promise.all([
      ...probely.map(body => patch(server.url, SS, 'JWT', body)),
      ...neostra.map(body => patch(server.url, SCAN, 'Bearer', body))
    ])
    t.ok(results.every(r => r.status === 200), `round ${round}: every PATCH answered 200`)
    const ss = await (await fetch(server.url + SS + '/', { headers: { authorization: `JWT ${token()}` } })).json() as any
    const scan = (await (await fetch(server.url + SCAN, { headers: { authorization: `Bearer ${token()}` } })).json() as any).data
    t.match(ss, Object.assign({}, ...probely), `round ${round}: every Probely field landed`)
    t.match(scan, Object.assign({}, ...neostra), `round ${round}: every Neostra field landed`)
  }
})

t.test('SIGTERM with requests in flight answers them, closes the database cleanly and exits 0', async t => {
  const db = join(tempDir(t), 'graceful.db')
  const server = await serve(db)
  const fault = await fetch(server.url + '/__admin/faults', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path: '/api/**', delayMs: 400 })
  })
  t.equal(fault.status, 201)
  const inFlight = Array.from({ length: 5 }, (_, i) => patch(server.url, SCAN, 'Bearer', { name: `graceful ${i}` }))
  await new Promise(resolve => setTimeout(resolve, 100))
  server.child.kill('SIGTERM')
  const answers = await Promise.all(inFlight)
  t.same(answers.map(a => a.status), [200, 200, 200, 200, 200], 'every in-flight request answered')
  t.equal(await server.exited, 0, 'exit code 0')
  t.notOk(existsSync(`${db}-wal`) && statSync(`${db}-wal`).size > 0, 'the WAL was checkpointed: the database was closed cleanly')
  const again = await serve(db)
  t.teardown(() => { again.child.kill('SIGKILL') })
  const read = await fetch(again.url + SCAN, { headers: { authorization: `Bearer ${token()}` } })
  t.match(((await read.json()) as any).data.name, /^graceful \d$/)
})
