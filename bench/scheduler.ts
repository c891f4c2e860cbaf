import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { createSigner } from 'fast-jwt'
import { demoFixturePath, packageRoot } from '../src/paths'
import { cpuMs, memoryMb, startProcess, stopProcess } from './processes'

/**
 * `npm run bench:scheduler`: the clock and the scheduler at scale (issue 23).
 * - Idle: --tenants tenants, each a copy of a seed of --schedules hourly Probely scheduled scans (one
 *   per target: 100 x 1,000 = 100,000 by default), armed on real clocks; the server's CPU over --idle
 *   seconds with no request (one timer for every clock: no per-schedule polling).
 * - Advance: one tenant's clock moved a day (`POST /__admin/clock {"advanceMs": 86400000}`) over its
 *   --schedules hourly schedules (24 x 1,000 = 24,000 scans made), timed; meanwhile another tenant's
 *   GET of a scheduled scan is loaded, its p99 set beside the same load without the advance.
 * - Real time: every other tenant's clock let run into the schedules' first occurrence at once, the
 *   timer's batches timed by the same load.
 */
const { values: args } = parseArgs({
  options: {
    tenants: { type: 'string', default: '100' },
    schedules: { type: 'string', default: '1000' },
    idle: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' }
  }
})
const TENANTS = Number(args.tenants)
const SCHEDULES = Number(args.schedules)
const IDLE_S = Number(args.idle)
const CONNECTIONS = Number(args.connections)
const SECRET = 'bench-secret-for-scanstub'
const signer = createSigner({ key: SECRET, algorithm: 'HS256' })
const tokenOf = (tenant: string) => signer({ sub: 'bench', email: 'bench@scanstub.local', name: 'Bench', tenant })
const work = mkdtempSync(join(tmpdir(), 'scanstub-scheduler-'))
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
const idOf = (prefix: string, i: number) => {
  let out = ''
  for (let n = i; out.length < 6; n = Math.floor(n / 58)) out = BASE58[n % 58] + out
  return prefix + out
}
/** The first occurrence of every schedule: an hour boundary far enough ahead that nothing fires by itself. */
const FIRST = Date.UTC(2030, 0, 6, 0, 0, 0)

/** The demo fixture with `n` targets, each with one hourly scheduled scan from FIRST. */
function seedFile (n: number): string {
  const demo = JSON.parse(readFileSync(demoFixturePath, 'utf8'))
  const target = demo.probely.targets[0]
  const schedule = demo.probely.scheduledScans[0]
  demo.probely.targets = Array.from({ length: n }, (_, i) => ({ ...target, id: idOf('Tgt', i) }))
  demo.probely.scheduledScans = Array.from({ length: n }, (_, i) => ({ ...schedule, id: idOf('Sch', i), target: idOf('Tgt', i), recurrence: 'h', date_time: new Date(FIRST).toISOString() }))
  demo.probely.scans = []
  demo.probely.findingTemplates = []
  const file = join(work, 'seed.json')
  writeFileSync(file, JSON.stringify(demo))
  return file
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

async function main () {
  const seed = seedFile(SCHEDULES)
  const server = await startProcess([join(packageRoot, 'dist', 'scanstub.js'), 'serve', '--port', '0', '--host', '127.0.0.1'],
    { JWT_SECRET: SECRET, LOG_LEVEL: 'warn', DATABASE: join(work, 'scheduler.db'), SEED_FILE: seed, KEPT_RECORDS: String(SCHEDULES * 2) }, 120_000)
  const pid = server.child.pid!
  const lines: string[] = []
  try {
    // every tenant provisioned (its copy of the seed, its schedules armed) by its first request
    const provisionStarted = Date.now()
    for (let i = 0; i < TENANTS; i++) {
      const res = await fetch(`${server.url}/targets/${idOf('Tgt', 0)}/scheduledscans/${idOf('Sch', 0)}/`, { headers: { authorization: `JWT ${tokenOf(`t${i}`)}` } })
      if (res.status !== 200) throw new Error(`tenant t${i}: ${res.status} ${await res.text()}`)
    }
    const provisionMs = Date.now() - provisionStarted
    lines.push(`| ${TENANTS} tenants x ${SCHEDULES} hourly schedules provisioned (first request each) | ${provisionMs} ms, ${Math.round(provisionMs / TENANTS)} ms per tenant |`)

    await sleep(1000)
    const idleBefore = cpuMs(pid)
    await sleep(IDLE_S * 1000)
    const idleUsed = cpuMs(pid) - idleBefore
    lines.push(`| server CPU at idle with ${TENANTS * SCHEDULES} schedules armed | ${idleUsed} ms over ${IDLE_S} s (${Math.round(idleUsed / IDLE_S * 10) / 10} ms/s) |`)
    lines.push(`| RSS at idle | ${memoryMb(pid, 'VmRSS')} MB |`)

    // another tenant's reads, alone, then during the advance
    const other = tokenOf('t1')
    const path = `/targets/${idOf('Tgt', 1)}/scheduledscans/${idOf('Sch', 1)}/`
    const load = (seconds: number) => autocannon({ url: server.url + path, connections: CONNECTIONS, duration: seconds, headers: { authorization: `JWT ${other}` } })
    const alone = await load(5)
    lines.push(`| other tenant's GET alone | p99 ${alone.latency.p99} ms, max ${alone.latency.max} ms, ${Math.round(alone.requests.average)} req/s |`)

    const admin = (body: unknown) => fetch(`${server.url}/__admin/clock?tenant=t0`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    const set = await admin({ to: new Date(FIRST - 1000).toISOString() })
    if (set.status !== 200) throw new Error(`clock set: ${set.status} ${await set.text()}`)
    // the same load while the advance runs, from its start (no quiet part to dilute the p99) until it
    // answers (autocannon keeps every request's time)
    let loading: autocannon.Instance | undefined
    const during = new Promise<autocannon.Result>((resolve, reject) => {
      loading = autocannon({ url: server.url + path, connections: CONNECTIONS, duration: 120, headers: { authorization: `JWT ${other}` } },
        (err, result) => err ? reject(err) : resolve(result))
    })
    const started = process.hrtime.bigint()
    const advanced = await admin({ advanceMs: 24 * 3600 * 1000 })
    const advanceMs = Number(process.hrtime.bigint() - started) / 1e6
    const answer = await advanced.json() as { events?: number }
    loading!.stop()
    const loaded = await during
    const scans = await (await fetch(`${server.url}/targets/${idOf('Tgt', 0)}/scans/?length=1`, { headers: { authorization: `JWT ${tokenOf('t0')}` } })).json() as { count?: number }
    lines.push(`| advanceMs of a day over ${SCHEDULES} hourly schedules in one tenant | ${Math.round(advanceMs)} ms, ${answer.events} events, ${scans.count ?? '?'} scans of one target |`)
    lines.push(`| other tenant's GET during the advance | p99 ${loaded.latency.p99} ms, max ${loaded.latency.max} ms, ${Math.round(loaded.requests.total / (advanceMs / 1000))} req/s |`)

    // the real-time timer: every other tenant's clock set 3 s before the schedules' first occurrence and let
    // run, so (TENANTS - 2) x SCHEDULES schedules fall due within the same second; the GETs loaded from just
    // before until the last tenant's last schedule has launched its scan
    const tenants = Array.from({ length: TENANTS - 2 }, (_, i) => `t${i + 2}`)
    const clockOf = (tenant: string, body: unknown) => fetch(`${server.url}/__admin/clock?tenant=${tenant}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    const firstReal = Date.now()
    for (const tenant of tenants) {
      for (const body of [{ to: new Date(FIRST - 3000).toISOString() }, { mode: 'real' }]) {
        const res = await clockOf(tenant, body)
        if (res.status !== 200) throw new Error(`clock of ${tenant}: ${res.status} ${await res.text()}`)
      }
    }
    await sleep(Math.max(0, firstReal + 2500 - Date.now()))
    let firing: autocannon.Instance | undefined
    const duringTimer = new Promise<autocannon.Result>((resolve, reject) => {
      firing = autocannon({ url: server.url + path, connections: CONNECTIONS, duration: 120, headers: { authorization: `JWT ${other}` } },
        (err, result) => err ? reject(err) : resolve(result))
    })
    const lastScans = `${server.url}/targets/${idOf('Tgt', SCHEDULES - 1)}/scans/?length=1`
    const lastToken = tokenOf(tenants.at(-1)!)
    const timerStarted = Date.now()
    let launched = false
    while (!launched && Date.now() - timerStarted < 60_000) { // a minute at most
      await sleep(100)
      const res = await fetch(lastScans, { headers: { authorization: `JWT ${lastToken}` } })
      launched = ((await res.json()) as { count?: number }).count === 1
    }
    const timerMs = Date.now() - timerStarted
    firing!.stop()
    const fired = await duringTimer
    lines.push(`| real-time timer: ${tenants.length * SCHEDULES} schedules of ${tenants.length} tenants due in the same second | ${launched ? `all launched within ${timerMs} ms of the load's start` : 'not all launched in 60 s'} |`)
    lines.push(`| other tenant's GET meanwhile | p99 ${fired.latency.p99} ms, max ${fired.latency.max} ms, ${Math.round(fired.requests.total / (timerMs / 1000))} req/s |`)
  } finally {
    await stopProcess(server)
  }
  process.stdout.write(['| scheduler at scale | measured |', '|---|---|', ...lines, '',
    `(node ${process.version}; the server and the load generator share this machine's cores; CPU from /proc utime+stime)`].join('\n') + '\n')
}

main()
  .catch(err => { console.error(String(err).slice(0, 2000)); process.exitCode = 1 })
  .finally(() => rmSync(work, { recursive: true, force: true }))
