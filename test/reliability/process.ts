import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createSigner } from 'fast-jwt'
import { packageRoot } from '../../src/paths'

export const SECRET = 'reliability-secret-1234'
export const token = (claims: object = { sub: 'r', email: 'r@x.io', name: 'R' }) => createSigner({ key: SECRET, algorithm: 'HS256' })(claims)
/** Longer runs under `npm run stress` (STRESS=1); short ones in the test suite. */
export const STRESS = process.env.STRESS === '1'

export interface Served { child: ChildProcess, url: string, exited: Promise<number | null> }

/**
 * Starts the built server as its own process on a free port of 127.0.0.1; `fileSizeKb` caps the size of
 * any file it writes (bash's `ulimit -f`): a full disk, as SQLite meets it (EFBIG; Node ignores SIGXFSZ).
 */
export function serve (database: string, env: Record<string, string> = {}, fileSizeKb?: number): Promise<Served> {
  const args = [join(packageRoot, 'dist', 'scanstub.js'), 'serve', '--port', '0', '--host', '127.0.0.1', '--db', database]
  const [command, argv] = fileSizeKb === undefined
    ? [process.execPath, args]
    // (tap's process-info hook, injected through NODE_OPTIONS, catches SIGXFSZ and dies of it: unset here)
    : ['bash', ['-c', `unset NODE_OPTIONS; ulimit -f ${Math.floor(fileSizeKb)} && exec "$0" "$@"`, process.execPath, ...args]]
  const child = spawn(command, argv, {
    env: { PATH: process.env.PATH, JWT_SECRET: SECRET, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)))
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`did not start: ${out}`)) }, 20_000)
    child.stderr!.on('data', d => { out += d })
    child.stdout!.on('data', d => {
      out += d
      const m = /(http:\/\/127\.0\.0\.1:\d+)\n/.exec(out)
      if (m) { clearTimeout(timer); resolve({ child, url: m[1], exited }) }
    })
  })
}

export function rssMb (pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024
}

export async function patch (url: string, path: string, scheme: 'Bearer' | 'JWT', body: object, tok = token()) {
  const res = await fetch(url + path, { method: 'PATCH', headers: { authorization: `${scheme} ${tok}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
  return { status: res.status, body: await res.json() as any }
}
