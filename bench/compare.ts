import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { packageRoot } from '../src/paths'
import { cpuMs, startProcess, stopProcess } from './processes'
import { median } from './stats'
import { load, neostraBody, ROUTES, SECRET, type Target } from './routes'

/**
 * `npm run bench:compare -- --base DIR`: is this checkout slower than another one (DIR, built with
 * `npm run build:all`, e.g. a `git worktree` of an older commit)? Each of the bench's four routes is
 * loaded on a server of each checkout in turn, --rounds times, the order swapped every round, and the
 * server's own CPU per request (user + system, from /proc) is reported as the median of the rounds.
 *
 * CPU per request, not requests/s: on this project's shared 2-core machine the same build's throughput
 * moved by a third between two runs a minute apart (host contention), while its CPU per request moved
 * by a few percent; a regression of code shows in both.
 */
const { values: args } = parseArgs({
  options: {
    base: { type: 'string' },
    rounds: { type: 'string', default: '5' },
    duration: { type: 'string', default: '4' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '50' }
  }
})
if (args.base === undefined) {
  console.error('bench:compare: --base DIR, a checkout built with `npm run build:all`, is required')
  process.exit(2)
}
const BASE = resolve(args.base)
const ROUNDS = Number(args.rounds)
const DURATION = Number(args.duration)
const WARMUP = Number(args.warmup)
const CONNECTIONS = Number(args.connections)
for (const [name, n] of Object.entries({ rounds: ROUNDS, duration: DURATION, connections: CONNECTIONS })) {
  if (!Number.isInteger(n) || n < 1) { console.error(`bench:compare: --${name} must be a whole number of at least 1`); process.exit(2) }
}
if (!existsSync(join(BASE, 'dist', 'scanstub.js'))) {
  console.error(`bench:compare: ${BASE}/dist/scanstub.js is missing: run npm run build:all there first`)
  process.exit(2)
}

const work = mkdtempSync(join(tmpdir(), 'scanstub-compare-'))
let dbCount = 0

interface Checkout { name: string, dir: string, routes: Target[] }
/** Another checkout's demo may name other Neostra integrations: its PATCH body uses its own. */
function checkout (name: string, dir: string): Checkout {
  const demo = JSON.parse(readFileSync(join(dir, 'fixtures', 'demo.json'), 'utf8')) as { neostra?: { integrations?: { id: string }[] } }
  const integrations = (demo.neostra?.integrations ?? []).slice(0, 3).map(i => i.id)
  return { name, dir, routes: ROUTES.map(r => r.name === 'Neostra PATCH' && integrations.length > 0 ? { ...r, body: (n: number) => neostraBody(n, integrations) } : r) }
}
const checkouts = [checkout('base', BASE), checkout('this', packageRoot)]

/** Server CPU µs per answered request of one fresh server of `c` under `route`, and its non-2xx count. */
async function cpuPerRequest (c: Checkout, route: Target): Promise<{ us: number, non2xx: number }> {
  const server = await startProcess([join(c.dir, 'dist', 'scanstub.js'), 'serve', '--port', '0', '--host', '127.0.0.1'],
    { JWT_SECRET: SECRET, LOG_LEVEL: 'warn', DATABASE: join(work, `compare-${dbCount++}.db`) })
  try {
    if (WARMUP > 0) await load(server.url, route, WARMUP, CONNECTIONS)
    const before = cpuMs(server.child.pid!)
    const result = await load(server.url, route, DURATION, CONNECTIONS)
    const used = cpuMs(server.child.pid!) - before
    return { us: Math.round(used * 1000 / result.requests.total), non2xx: result.non2xx + result.errors + result.timeouts }
  } finally {
    await stopProcess(server)
  }
}

async function main () {
  const lines = ['| route | base µs/request | this µs/request | this / base | rounds (base / this) |', '|---|---:|---:|---:|---|']
  for (let i = 0; i < ROUTES.length; i++) {
    const seen: Record<string, number[]> = { base: [], this: [] }
    let non2xx = 0
    for (let round = 0; round < ROUNDS; round++) {
      for (const c of round % 2 === 0 ? checkouts : [...checkouts].reverse()) {
        const m = await cpuPerRequest(c, c.routes[i])
        seen[c.name].push(m.us)
        non2xx += m.non2xx
      }
    }
    const base = median(seen.base)
    const mine = median(seen.this)
    lines.push(`| ${ROUTES[i].name} | ${base} | ${mine} | ${Math.round(mine / base * 100) / 100} | ${seen.base.map((b, k) => `${b}/${seen.this[k]}`).join(', ')}${non2xx > 0 ? ` (${non2xx} non-2xx!)` : ''} |`)
  }
  process.stdout.write(`base: ${BASE}\n\n${lines.join('\n')}\n\n(node ${process.version}, ${CONNECTIONS} connections, median of ${ROUNDS} rounds of ${WARMUP} s warm-up and ${DURATION} s measured per server)\n`)
}

main()
  .catch(err => { console.error(err); process.exitCode = 1 })
  .finally(() => rmSync(work, { recursive: true, force: true }))
