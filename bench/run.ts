import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { packageRoot } from '../src/paths'
import { type ServerProcess, memoryMb, startProcess, stopProcess } from './processes'
import { renderChart, renderTable, type Row } from './report'
import { load as loadFor, ROUTES, SECRET, type Target, token } from './routes'
import { median } from './stats'

/**
 * `npm run bench`: scanstub against the ceiling of its stack (bare Fastify answering the same PATCH
 * with a constant body), each loaded by autocannon from this process while the servers run in their
 * own. Prints a table; with --out writes results.md and results.svg there.
 *
 * Each route is measured in --rounds pairs (ceiling and scanstub back to back, fresh processes, the
 * order swapped every round) and the medians reported, the ratio being the median of each pair's
 * own: on a small shared machine one run drifts by a fifth, and a pair drifts together.
 */
const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    starts: { type: 'string', default: '9' },
    out: { type: 'string' },
    scale: { type: 'boolean' } // `npm run bench -- --scale`: bench/scale.ts instead
  }
})
/** A whole number option, at least `min`; anything else stops the bench with one line. */
function count (name: keyof typeof args, min: number): number {
  const n = Number(args[name])
  if (!Number.isInteger(n) || n < min) {
    console.error(`bench: --${name} must be a whole number of at least ${min} (got ${JSON.stringify(args[name])})`)
    process.exit(2)
  }
  return n
}
const DURATION = count('duration', 1)
const ROUNDS = count('rounds', 1)
const WARMUP = count('warmup', 0)
const CONNECTIONS = count('connections', 1)
const STARTS = count('starts', 1)
const work = mkdtempSync(join(tmpdir(), 'scanstub-bench-'))
let dbCount = 0

/** The middle value (the upper middle of an even count). */
const hundredths = (x: number) => Math.round(x * 100) / 100

/**
 * `n` pairs of runs of the ceiling and of scanstub, back to back, the order swapped every pair: a
 * drift of the shared machine then weighs on both halves of a pair alike.
 */
async function inPairs (n: number, ceiling: () => Promise<void>, scanstub: () => Promise<void>) {
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) { await ceiling(); await scanstub() } else { await scanstub(); await ceiling() }
  }
}

const SCANSTUB = [join(packageRoot, 'dist', 'scanstub.js'), 'serve', '--port', '0', '--host', '127.0.0.1']
const CEILING = [join(packageRoot, 'dist', 'bench', 'ceiling.js')]
const scanstubEnv = () => ({ JWT_SECRET: SECRET, LOG_LEVEL: 'warn', DATABASE: join(work, `bench-${dbCount++}.db`) })

const load = (url: string, route: Target, seconds: number) => loadFor(url, route, seconds, CONNECTIONS)

interface Measure { rps: number, p50: number, p99: number, non2xx: number, peakRssMb: number }

async function measure (start: () => Promise<ServerProcess>, route: Target): Promise<Measure> {
  const server = await start()
  try {
    if (WARMUP > 0) await load(server.url, route, WARMUP)
    const result = await load(server.url, route, DURATION)
    return {
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

/** One server's rounds as one row: medians, but the highest p99 and peak RSS, and every non-2xx counted. */
const summary = (name: string, route: string, ms: Measure[], ratio: number): Row => ({
  name,
  route,
  rps: median(ms.map(m => m.rps)),
  p50: median(ms.map(m => m.p50)),
  p99: Math.max(...ms.map(m => m.p99)),
  non2xx: ms.reduce((n, m) => n + m.non2xx, 0),
  peakRssMb: Math.max(...ms.map(m => m.peakRssMb)),
  ratio
})

/**
 * Spawn to the first 200 answer to a PATCH, in ms: as a user meets it, a fresh database file (each
 * start has its own, so the demo fixture is loaded) and the first PATCH carrying a `schedule`.
 */
async function coldStart (args: string[], env: () => Record<string, string>, route: Target): Promise<{ ms: number, idleRssMb: number }> {
  const startedAt = process.hrtime.bigint()
  const server = await startProcess(args, env())
  try {
    for (;;) {
      const res = await fetch(server.url + route.path, { method: 'PATCH', headers: { authorization: `${route.scheme} ${token}`, 'content-type': 'application/json' }, body: route.body!(0) })
      if (res.status === 200) break
      if (res.status >= 400 && res.status < 500) throw new Error(`cold start: the first PATCH was refused: ${res.status} ${await res.text()}`)
    }
    const ms = Number(process.hrtime.bigint() - startedAt) / 1e6
    await new Promise(resolve => setTimeout(resolve, 500))
    return { ms, idleRssMb: memoryMb(server.child.pid!, 'VmRSS') }
  } finally {
    await stopProcess(server)
  }
}

async function main () {
  const rows: Row[] = []
  for (const route of ROUTES) {
    const ceiling: Measure[] = []
    const stub: Measure[] = []
    await inPairs(ROUNDS,
      async () => { ceiling.push(await measure(() => startProcess(CEILING, {}), route)) },
      async () => { stub.push(await measure(() => startProcess(SCANSTUB, scanstubEnv()), route)) })
    const ratio = median(stub.map((m, i) => m.rps / ceiling[i].rps))
    rows.push(summary('ceiling', route.name, ceiling, 1), summary('scanstub', route.name, stub, hundredths(ratio)))
  }
  const starts = { ceiling: [] as number[], scanstub: [] as number[], idle: [] as number[] }
  await inPairs(STARTS,
    async () => { starts.ceiling.push((await coldStart(CEILING, () => ({}), ROUTES[0])).ms) },
    async () => {
      const s = await coldStart(SCANSTUB, scanstubEnv, ROUTES[0])
      starts.scanstub.push(s.ms)
      starts.idle.push(s.idleRssMb)
    })
  const cold = {
    ceilingMs: Math.round(median(starts.ceiling)),
    scanstubMs: Math.round(median(starts.scanstub)),
    ratio: hundredths(median(starts.scanstub.map((ms, i) => ms / starts.ceiling[i]))),
    pairs: starts.ceiling.map((ms, i): [number, number] => [Math.round(ms), Math.round(starts.scanstub[i])]),
    idleRssMb: Math.max(...starts.idle)
  }
  const meta = `node ${process.version}, ${CONNECTIONS} connections, median of ${ROUNDS} paired rounds of ${WARMUP} s warm-up and ${DURATION} s measured per server ` +
    `(p99 and peak RSS the highest of them, the ratio the median of the rounds' own ratios); cold start median of ${STARTS} pairs, ` +
    'its ratio the median of the pairs\' own, idle RSS the highest'
  const table = renderTable(rows, cold, meta)
  process.stdout.write(table + '\n')
  if (args.out) {
    mkdirSync(args.out, { recursive: true })
    writeFileSync(join(args.out, 'results.md'), table + '\n')
    writeFileSync(join(args.out, 'results.svg'), renderChart(rows))
  }
}

(args.scale ? import('./scale').then(m => m.done) : main())
  .catch(err => { console.error(err); process.exitCode = 1 })
  .finally(() => rmSync(work, { recursive: true, force: true }))
