import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { createSigner } from 'fast-jwt'
import { demoFixturePath, packageRoot } from '../src/paths'
import { type ServerProcess, cpuMs, memoryMb, startProcess, stopProcess } from './processes'
import { median } from './stats'

/**
 * `npm run bench:scale` (or `npm run bench -- --scale`): how the cost grows with the data. Each size is
 * a fresh `node dist/scanstub.js serve` process on a file database, seeded with SEED_FILE, loaded by
 * autocannon from this process. CPU per request is the server's own (utime + stime from /proc), which
 * a busy shared machine disturbs less than requests/s. Writes scale.md and scale.svg with --out.
 */
const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10' },
    tenants: { type: 'string', default: '10000' },
    out: { type: 'string' },
    /** one part alone (patch, lists or tenants): printed, never written to --out, since the report would be partial */
    only: { type: 'string' },
    scale: { type: 'boolean' } // when reached through `npm run bench -- --scale`
  }
})
const DURATION = Math.max(1, Number(args.duration))
const CONNECTIONS = Math.max(1, Number(args.connections))
const MANY_TENANTS = Math.max(10, Number(args.tenants))
const PARTS = ['patch', 'lists', 'tenants']
if (args.only !== undefined && !PARTS.includes(args.only)) throw new Error(`--only must be one of ${PARTS.join(', ')}`)
const wanted = (part: string) => args.only === undefined || args.only === part
const SECRET = 'bench-secret-for-scanstub'
const sign = createSigner({ key: SECRET, algorithm: 'HS256' })
const tokenOf = (tenant: string) => sign({ sub: 'bench', email: 'bench@scanstub.local', name: 'Bench', tenant })
const work = mkdtempSync(join(tmpdir(), 'scanstub-scale-'))
const SCANSTUB = [join(packageRoot, 'dist', 'scanstub.js'), 'serve', '--port', '0', '--host', '127.0.0.1']
const round = (x: number, places = 0) => Math.round(x * 10 ** places) / 10 ** places

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
function idOf (prefix: string, i: number): string {
  let s = ''
  for (let x = i; s.length < 12 - prefix.length; x = Math.floor(x / 58)) s = BASE58[x % 58] + s
  return prefix + s
}

/** A seed of the demo data's shape with `scheduled` scheduled scans, `perTarget` to a target. */
function writeSeed (scheduled: number, perTarget: number): { file: string, paths: string[] } {
  const demo = JSON.parse(readFileSync(demoFixturePath, 'utf8'))
  const [target] = demo.probely.targets
  const [schedule] = demo.probely.scheduledScans
  const targets = []
  const scheduledScans = []
  const paths: string[] = []
  for (let i = 0; i < scheduled; i++) {
    const t = Math.floor(i / perTarget)
    const targetId = idOf('T', t)
    if (i % perTarget === 0) targets.push({ ...target, id: targetId, name: `target ${t}`, site: { ...target.site, id: idOf('S', t), name: `site ${t}` } })
    const id = idOf('s', i)
    scheduledScans.push({ ...schedule, id, target: targetId })
    paths.push(`/targets/${targetId}/scheduledscans/${id}`)
  }
  const file = join(work, `seed-${scheduled}-${perTarget}.json`)
  writeFileSync(file, JSON.stringify({ ...demo, probely: { ...demo.probely, targets, scheduledScans, scans: [], findingTemplates: [] } }))
  return { file, paths }
}

const diskOf = (file: string) => [file, `${file}-wal`].reduce((n, f) => { try { return n + statSync(f).size } catch { return n } }, 0)

let dbCount = 0
async function serve (seed?: string, extra: Record<string, string> = {}): Promise<{ server: ServerProcess, database: string }> {
  const database = join(work, `scale-${dbCount++}.db`)
  const server = await startProcess(SCANSTUB, { JWT_SECRET: SECRET, LOG_LEVEL: 'warn', DATABASE: database, ...(seed ? { SEED_FILE: seed } : {}), ...extra }, 300_000)
  return { server, database }
}

interface Load { rps: number, p99: number, cpuUsPerRequest: number, non2xx: number }

/** PATCHes the given paths (one, or chosen at random per request) with tokens of the given tenants, round robin. */
async function patchLoad (server: ServerProcess, paths: string[], tenants: string[], seconds: number): Promise<Load> {
  const tokens = tenants.map(tokenOf)
  let n = 0
  const run = () => autocannon({
    url: server.url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{
      method: 'PATCH',
      setupRequest: req => {
        n++
        const path = paths.length === 1 ? paths[0] : paths[Math.floor(Math.random() * paths.length)]
        return {
          ...req,
          path,
          headers: { authorization: `JWT ${tokens[n % tokens.length]}`, 'content-type': 'application/json' },
          // the vendor page's writable fields, values varied so each PATCH writes
          body: JSON.stringify({ date_time: new Date(Date.UTC(2030, 0, 1) + n * 60_000).toISOString(), recurrence: n % 2 ? 'w' : 'd', timezone: 'UTC', partial_scan: n % 3 === 0, incremental: n % 5 === 0 })
        }
      }
    }]
  })
  await run() // warm-up: statements prepared, caches filled
  const before = cpuMs(server.child.pid!)
  const result = await run()
  const cpu = cpuMs(server.child.pid!) - before
  return {
    rps: Math.round(result.requests.average),
    p99: result.latency.p99,
    cpuUsPerRequest: round(cpu * 1000 / Math.max(1, result.requests.total)),
    non2xx: result.non2xx + result.errors + result.timeouts
  }
}

async function timed (url: string, headers: Record<string, string>): Promise<{ ms: number, bytes: number, status: number }> {
  const t0 = performance.now()
  const res = await fetch(url, { headers })
  const body = await res.arrayBuffer()
  return { ms: round(performance.now() - t0, 1), bytes: body.byteLength, status: res.status }
}

interface SizeRow { size: string, one: Load, random?: Load }

async function main () {
  const load = loadavg().map(x => round(x, 2)).join(', ')
  const sizes: SizeRow[] = []
  const notes: string[] = []

  // PATCH cost against the records a tenant holds: one record, and records at random
  for (const [count, perTarget] of wanted('patch') ? [[1, 1], [1000, 10], [100_000, 100]] as const : []) {
    const { file, paths } = writeSeed(count, perTarget)
    const started = performance.now()
    const { server } = await serve(file)
    notes.push(`${count} scheduled scans: server up in ${round(performance.now() - started)} ms (the seed parsed, checked and stored once)`)
    try {
      const one = await patchLoad(server, [paths[0]], ['default'], DURATION)
      const random = count > 1 ? await patchLoad(server, paths, ['default'], DURATION) : undefined
      sizes.push({ size: `${count.toLocaleString('en')} scheduled scans`, one, random })
      if (count === 100_000) {
        // a new tenant's first request copies the 100,000-record seed inside SQLite
        const firsts: number[] = []
        for (let i = 0; i < 5; i++) firsts.push((await timed(`${server.url}${paths[0]}`, { authorization: `JWT ${tokenOf(`big-${i}`)}` })).ms)
        notes.push(`a new tenant's first GET with the 100,000-record seed: ${firsts.join(', ')} ms`)
      }
    } finally { await stopProcess(server) }
  }

  // lists of 10,000 records: time and the server's peak memory
  const lists: Array<{ route: string, ms: number[], cpuMs: number[], bytes: number, peakMb: number, idleMb: number }> = []
  if (wanted('lists')) {
    const { file } = writeSeed(10_000, 1)
    const { server } = await serve(file)
    try {
      const auth = { authorization: `JWT ${tokenOf('default')}` }
      for (const route of ['/targets/?length=10000', '/scheduledscans/?length=10000']) {
        const idleMb = memoryMb(server.child.pid!, 'VmRSS')
        const first = await timed(server.url + route, auth)
        const ms = [first.ms]
        // the server's own CPU per GET read again: the client's time also holds 24 MB crossing loopback
        const cpu: number[] = []
        for (let i = 0; i < 4; i++) {
          const before = cpuMs(server.child.pid!)
          ms.push((await timed(server.url + route, auth)).ms)
          cpu.push(cpuMs(server.child.pid!) - before)
        }
        lists.push({ route: `GET ${route}`, ms, cpuMs: cpu, bytes: first.bytes, peakMb: memoryMb(server.child.pid!, 'VmHWM'), idleMb })
      }
    } finally { await stopProcess(server) }
  }

  // tenants: PATCH over 10 and over many tenants; time, disk and RSS per new tenant
  const tenantRows: Array<{ tenants: number, load: Load }> = []
  let perTenant = { ms: 0, diskBytes: 0, rssMb: 0, idleMb: 0 }
  if (wanted('tenants')) {
    const { server, database } = await serve(undefined, { TENANT_LIMIT: String(MANY_TENANTS + 1) })
    try {
      const path = '/targets/AxtkqTE1AbFd/scheduledscans/Dq7HkZ2vRtYp'
      const few = Array.from({ length: 10 }, (_, i) => `few-${i}`)
      tenantRows.push({ tenants: 10, load: await patchLoad(server, [path], few, DURATION) })
      const idleMb = memoryMb(server.child.pid!, 'VmRSS')
      const diskBefore = diskOf(database)
      const many = Array.from({ length: MANY_TENANTS }, (_, i) => `many-${i}`)
      const t0 = performance.now()
      for (let i = 0; i < many.length; i += 20) {
        await Promise.all(many.slice(i, i + 20).map(async tenant => {
          const res = await fetch(server.url + path, { headers: { authorization: `JWT ${tokenOf(tenant)}` } })
          await res.arrayBuffer()
        }))
      }
      const ms = performance.now() - t0
      await new Promise(resolve => setTimeout(resolve, 500))
      perTenant = { ms: round(ms / many.length, 2), diskBytes: Math.round((diskOf(database) - diskBefore) / many.length), rssMb: memoryMb(server.child.pid!, 'VmRSS'), idleMb }
      tenantRows.push({ tenants: MANY_TENANTS, load: await patchLoad(server, [path], many, DURATION) })
    } finally { await stopProcess(server) }
  }

  const meta = `node ${process.version}, ${CONNECTIONS} connections, ${DURATION} s warm-up then ${DURATION} s measured per row; load average at start ${load}; ` +
    'CPU per request is the server process\'s utime + stime over the measured run divided by its requests'
  const lines = [
    '| data | PATCH | requests/s | p99 ms | CPU µs/request | non-2xx |',
    '|---|---|---:|---:|---:|---:|',
    ...sizes.flatMap(s => [
      `| ${s.size} | one record | ${s.one.rps} | ${s.one.p99} | ${s.one.cpuUsPerRequest} | ${s.one.non2xx} |`,
      ...(s.random ? [`| ${s.size} | at random | ${s.random.rps} | ${s.random.p99} | ${s.random.cpuUsPerRequest} | ${s.random.non2xx} |`] : [])
    ]),
    ...tenantRows.map(r => `| ${r.tenants.toLocaleString('en')} tenants (demo data) | one record each, round robin | ${r.load.rps} | ${r.load.p99} | ${r.load.cpuUsPerRequest} | ${r.load.non2xx} |`),
    '',
    '| list (10,000 records) | first ms | then ms (median of 4) | then server CPU ms (median of 4) | bytes | server RSS before MB | server peak RSS MB |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...lists.map(l => `| ${l.route} | ${l.ms[0]} | ${median(l.ms.slice(1))} | ${median(l.cpuMs)} | ${l.bytes} | ${l.idleMb} | ${l.peakMb} |`),
    '',
    `New tenants (demo data, 20 at a time): ${perTenant.ms} ms and ${perTenant.diskBytes} bytes of disk each; ` +
      `RSS ${perTenant.idleMb} MB before, ${perTenant.rssMb} MB after ${MANY_TENANTS.toLocaleString('en')} tenants each sent one request.`,
    '',
    ...notes.map(n => `- ${n}`),
    '',
    `(${meta})`
  ]
  const table = lines.join('\n')
  process.stdout.write(table + '\n')
  if (args.out && args.only === undefined) {
    mkdirSync(args.out, { recursive: true })
    writeFileSync(join(args.out, 'scale.md'), table + '\n')
    writeFileSync(join(args.out, 'scale.svg'), renderScaleChart(sizes, tenantRows))
  }
}

/** CPU per PATCH against the size of the data, as horizontal bars (lower is better). */
function renderScaleChart (sizes: SizeRow[], tenants: Array<{ tenants: number, load: Load }>): string {
  const bars = [
    ...sizes.flatMap(s => [{ label: `${s.size}, one record`, value: s.one.cpuUsPerRequest },
      ...(s.random ? [{ label: `${s.size}, at random`, value: s.random.cpuUsPerRequest }] : [])]),
    ...tenants.map(r => ({ label: `${r.tenants.toLocaleString('en')} tenants, round robin`, value: r.load.cpuUsPerRequest }))
  ]
  const width = 720
  const left = 300
  const max = Math.max(...bars.map(b => b.value), 1)
  const scale = (width - left - 90) / max
  let y = 40
  const parts: string[] = []
  for (const b of bars) {
    const w = Math.max(1, Math.round(b.value * scale))
    parts.push(`<text x="10" y="${y + 15}">${b.label}</text>`, `<rect x="${left}" y="${y}" width="${w}" height="22" fill="#2f80ed"/>`,
      `<text x="${left + w + 6}" y="${y + 15}">${b.value} µs</text>`)
    y += 28
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y + 10}" font-family="sans-serif" font-size="13">` +
    `<rect width="100%" height="100%" fill="white"/><text x="10" y="22" font-size="15">Probely PATCH: server CPU per request against the data's size (lower is better)</text>${parts.join('')}</svg>\n`
}

export const done = main()
  .catch(err => { console.error(err); process.exitCode = 1 })
  .finally(() => rmSync(work, { recursive: true, force: true }))
