import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { createSigner } from 'fast-jwt'
import { demoFixturePath, packageRoot } from '../src/paths'
import { cpuMs, startProcess, stopProcess } from './processes'

/**
 * `npm run bench:records`: the CPU a Probely PATCH costs when it lands on one record again and again
 * against when it lands at random on one of --records scheduled scans (100,000 by default), with the
 * default settings and with KEPT_RECORDS and SQLITE_CACHE_MB sized to the data. Server CPU (utime +
 * stime from /proc) per request, so the figure holds on a shared machine better than requests/s does.
 * Issue 23's goal: random within 1.2x the CPU of one record.
 */
const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '20' }
  }
})
const RECORDS = Number(args.records)
const DURATION = Number(args.duration)
const CONNECTIONS = Number(args.connections)
const SECRET = 'bench-secret-for-scanstub'
const token = createSigner({ key: SECRET, algorithm: 'HS256' })({ sub: 'bench', email: 'bench@scanstub.local', name: 'Bench' })
const work = mkdtempSync(join(tmpdir(), 'scanstub-records-'))
const TARGET = 'AxtkqTE1AbFd'
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
/** The i-th record's id: Base58, as Probely's (and the fixture checker) want */
function idOf (i: number): string {
  let out = ''
  for (let n = i; out.length < 7; n = Math.floor(n / 58)) out = BASE58[n % 58] + out
  return `Bench${out}`
}

/** The demo fixture with `n` scheduled scans on its first target (one-off, far ahead: nothing fires). */
function seedFile (n: number): string {
  const demo = JSON.parse(readFileSync(demoFixturePath, 'utf8'))
  const template = demo.probely.scheduledScans[0]
  demo.probely.scheduledScans = Array.from({ length: n }, (_, i) => ({ ...template, id: idOf(i), target: TARGET, recurrence: '' }))
  demo.probely.scans = []
  const file = join(work, `seed-${n}.json`)
  writeFileSync(file, JSON.stringify(demo))
  return file
}

const body = (n: number) => JSON.stringify({ date_time: new Date(Date.UTC(2031, 0, 1) + n * 60_000).toISOString(), partial_scan: n % 2 === 0 })

async function run (label: string, env: Record<string, string>, pick: () => number) {
  const server = await startProcess([join(packageRoot, 'dist', 'scanstub.js'), 'serve', '--port', '0', '--host', '127.0.0.1'],
    { JWT_SECRET: SECRET, LOG_LEVEL: 'warn', DATABASE: join(work, `${label.replace(/\W+/g, '-')}.db`), ...env }, 120_000)
  try {
    const headers = { authorization: `JWT ${token}`, 'content-type': 'application/json' }
    // the tenant's first request copies the seed; then a warm-up pass over the records
    await fetch(`${server.url}/targets/${TARGET}/`, { headers })
    let n = 0
    const load = (seconds: number) => autocannon({
      url: server.url,
      connections: CONNECTIONS,
      duration: seconds,
      requests: [{ method: 'PATCH', headers, setupRequest: req => ({ ...req, path: `/targets/${TARGET}/scheduledscans/${idOf(pick())}/`, body: body(n++) }) }]
    })
    await load(Math.max(2, DURATION / 2))
    const before = cpuMs(server.child.pid!)
    const result = await load(DURATION)
    const used = cpuMs(server.child.pid!) - before
    const total = result.requests.total
    return { label, rps: Math.round(result.requests.average), p99: result.latency.p99, non2xx: result.non2xx + result.errors, cpuUsPerRequest: Math.round(used * 1000 / total) }
  } finally {
    await stopProcess(server)
  }
}

async function main () {
  const seed = seedFile(RECORDS)
  const sized = { KEPT_RECORDS: String(RECORDS + 1000), SQLITE_CACHE_MB: String(Math.max(16, Math.ceil(RECORDS / 1000))) }
  const rows = [
    await run('one record, defaults', { SEED_FILE: seed }, () => 0),
    await run(`at random over ${RECORDS}, defaults`, { SEED_FILE: seed }, () => Math.floor(Math.random() * RECORDS)),
    await run(`at random over ${RECORDS}, KEPT_RECORDS=${sized.KEPT_RECORDS} SQLITE_CACHE_MB=${sized.SQLITE_CACHE_MB}`, { SEED_FILE: seed, ...sized }, () => Math.floor(Math.random() * RECORDS))
  ]
  const one = rows[0].cpuUsPerRequest
  const lines = ['| Probely PATCH | requests/s | p99 ms | non-2xx | server CPU µs per request | vs one record |', '|---|---:|---:|---:|---:|---:|',
    ...rows.map(r => `| ${r.label} | ${r.rps} | ${r.p99} | ${r.non2xx} | ${r.cpuUsPerRequest} | ${Math.round(r.cpuUsPerRequest / one * 100) / 100} |`),
    '', `(node ${process.version}, ${CONNECTIONS} connections, ${DURATION} s measured after a warm-up; CPU from /proc utime+stime of the server)`]
  process.stdout.write(lines.join('\n') + '\n')
}

main()
  .catch(err => { console.error(err); process.exitCode = 1 })
  .finally(() => rmSync(work, { recursive: true, force: true }))
