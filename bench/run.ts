import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { createSigner } from 'fast-jwt'
import { packageRoot } from '../src/paths'
import { type ServerProcess, memoryMb, startProcess, stopProcess } from './processes'
import { renderChart, renderTable, type Row } from './report'

/**
 * `npm run bench`: scanstub against the ceiling of its stack (bare Fastify answering the same PATCH
 * with a constant body), each loaded by autocannon from this process while the servers run in their
 * own. Prints a table; with --out writes results.md and results.svg there.
 */
const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    starts: { type: 'string', default: '5' },
    out: { type: 'string' }
  }
})
const DURATION = Number(args.duration)
const WARMUP = Number(args.warmup)
const CONNECTIONS = Number(args.connections)
const STARTS = Number(args.starts)
const SECRET = 'bench-secret-for-scanstub'
const token = createSigner({ key: SECRET, algorithm: 'HS256' })({ sub: 'bench', email: 'bench@scanstub.local', name: 'Bench' })
const work = mkdtempSync(join(tmpdir(), 'scanstub-bench-'))
let dbCount = 0

const SCANSTUB = [join(packageRoot, 'dist', 'scanstub.js'), 'serve', '--port', '0', '--host', '127.0.0.1']
const CEILING = [join(packageRoot, 'dist', 'bench', 'ceiling.js')]
const scanstubEnv = () => ({ JWT_SECRET: SECRET, LOG_LEVEL: 'warn', DATABASE: join(work, `bench-${dbCount++}.db`) })

interface Target { name: string, method: 'PATCH', path: string, scheme: string, body: (n: number) => string }
const ROUTES: Target[] = [
  { name: 'Neostra PATCH', method: 'PATCH', path: '/api/v1/scans/scan-adhoc', scheme: 'Bearer', body: n => JSON.stringify({ name: `bench ${n}` }) },
  { name: 'Probely PATCH', method: 'PATCH', path: '/targets/AxtkqTE1AbFd/scheduledscans/Dq7HkZ2vRtYp', scheme: 'JWT', body: n => JSON.stringify({ date_time: new Date(Date.UTC(2030, 0, 1) + n * 60_000).toISOString(), recurrence: 'w' }) }
]

async function load (url: string, route: Target, seconds: number) {
  let n = 0
  return autocannon({
    url: url + route.path,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{
      method: route.method,
      headers: { authorization: `${route.scheme} ${token}`, 'content-type': 'application/json' },
      setupRequest: req => ({ ...req, body: route.body(n++) })
    }]
  })
}

async function measure (name: string, start: () => Promise<ServerProcess>, route: Target) {
  const server = await start()
  try {
    if (WARMUP > 0) await load(server.url, route, WARMUP)
    const result = await load(server.url, route, DURATION)
    return {
      name,
      route: route.name,
      rps: Math.round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      non2xx: result.non2xx + result.errors + result.timeouts,
      peakRssMb: memoryMb(server.child.pid!, 'VmHWM')
    }
  } finally {
    await stopProcess(server)
  }
}

/** Spawn to the first 200 answer to a PATCH, in ms. */
async function coldStart (args: string[], env: () => Record<string, string>, route: Target): Promise<{ ms: number, idleRssMb: number }> {
  const startedAt = process.hrtime.bigint()
  const server = await startProcess(args, env())
  try {
    for (;;) {
      const res = await fetch(server.url + route.path, { method: 'PATCH', headers: { authorization: `${route.scheme} ${token}`, 'content-type': 'application/json' }, body: route.body(0) })
      if (res.status === 200) break
    }
    const ms = Number(process.hrtime.bigint() - startedAt) / 1e6
    await new Promise(resolve => setTimeout(resolve, 500))
    return { ms, idleRssMb: memoryMb(server.child.pid!, 'VmRSS') }
  } finally {
    await stopProcess(server)
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function main () {
  const rows: Row[] = []
  for (const route of ROUTES) {
    const ceiling = await measure('ceiling', () => startProcess(CEILING, {}), route)
    const stub = await measure('scanstub', () => startProcess(SCANSTUB, scanstubEnv()), route)
    rows.push({ ...ceiling, ratio: 1 }, { ...stub, ratio: Math.round((stub.rps / ceiling.rps) * 100) / 100 })
  }
  const starts = { ceiling: [] as number[], scanstub: [] as number[], idle: [] as number[] }
  for (let i = 0; i < STARTS; i++) {
    starts.ceiling.push((await coldStart(CEILING, () => ({}), ROUTES[0])).ms)
    const s = await coldStart(SCANSTUB, scanstubEnv, ROUTES[0])
    starts.scanstub.push(s.ms)
    starts.idle.push(s.idleRssMb)
  }
  const cold = {
    ceilingMs: Math.round(median(starts.ceiling)),
    scanstubMs: Math.round(median(starts.scanstub)),
    idleRssMb: median(starts.idle)
  }
  const meta = `node ${process.version}, ${CONNECTIONS} connections, ${WARMUP} s warm-up, ${DURATION} s measured, cold start median of ${STARTS}`
  const table = renderTable(rows, cold, meta)
  process.stdout.write(table + '\n')
  if (args.out) {
    mkdirSync(args.out, { recursive: true })
    writeFileSync(join(args.out, 'results.md'), table + '\n')
    writeFileSync(join(args.out, 'results.svg'), renderChart(rows))
  }
}

main()
  .catch(err => { console.error(err); process.exitCode = 1 })
  .finally(() => rmSync(work, { recursive: true, force: true }))
