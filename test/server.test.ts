import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { loadConfig } from '../src/config'
import { startServer } from '../src/server'
import { packageRoot } from '../src/paths'
import { ALICE, SECRET, tempDir } from './helpers'

const SERVER = join(packageRoot, 'dist', 'scanstub.js')

t.test('over real HTTP on a real port: PATCH then GET on both vendors', async t => {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE: join(tempDir(t), 'http.db'), JWT_SECRET: SECRET, LOG_LEVEL: 'silent' })
  const { app, url } = await startServer(config)
  t.teardown(() => app.close())
  t.match(url, /^http:\/\/127\.0\.0\.1:\d+$/)
  const token = app.mintToken(ALICE)

  const patch = await fetch(`${url}/api/v1/scans/scan-adhoc`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Over the wire' })
  })
  t.equal(patch.status, 200)
  t.equal(patch.statusText, 'OK')
  t.equal(((await patch.json()) as any).data.name, 'Over the wire')
  const get = await fetch(`${url}/api/v1/scans/scan-adhoc`, { headers: { authorization: `Bearer ${token}` } })
  t.equal(((await get.json()) as any).data.name, 'Over the wire')

  // as Probely scripts do: PATCH without the trailing slash, JWT scheme
  const p = await fetch(`${url}/targets/AxtkqTE1AbFd/scheduledscans/Dq7HkZ2vRtYp`, {
    method: 'PATCH',
    headers: { authorization: `JWT ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ date_time: '2023-10-14T00:02:00Z', recurrence: 'w', timezone: 'UTC' })
  })
  t.equal(p.status, 200)
  t.equal(p.statusText, 'OK')
  t.match(await p.json(), { date_time: '2023-10-14T00:02:00Z', recurrence: 'w', timezone: 'UTC' })
  const health = await fetch(`${url}/health`)
  t.equal(health.status, 200)
})

/** Runs the built server with `env`; resolves with its exit code and output. */
function run (env: Record<string, string>, signalAfterListening?: NodeJS.Signals) {
  return new Promise<{ code: number | null, stdout: string, stderr: string }>(resolve => {
    const child = spawn(process.execPath, [SERVER, 'serve'], { env: { PATH: process.env.PATH, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
    child.stdout.on('data', d => {
      stdout += d
      if (signalAfterListening && stdout.includes('scanstub listening')) child.kill(signalAfterListening)
    })
    child.stderr.on('data', d => { stderr += d })
    child.on('exit', code => { clearTimeout(timer); resolve({ code, stdout, stderr }) })
  })
}

t.test('a bad setting stops the process with one clear line', async t => {
  const dir = tempDir(t)
  writeFileSync(join(dir, 'a-file'), '')
  writeFileSync(join(dir, 'garbage.db'), 'not an sqlite file '.repeat(50))
  const cases: [Record<string, string>, RegExp][] = [
    [{ PORT: 'abc' }, /^scanstub: environment variable PORT="abc" is invalid: must be an integer from 0 to 65535\n$/],
    [{ DATABASE: join(dir, 'a-file', 'x.db') }, /^scanstub: cannot use database .*a-file\/x\.db: (ENOTDIR|EEXIST).*\n$/],
    [{ DATABASE: join(dir, 'garbage.db') }, /^scanstub: cannot use database .*garbage\.db: file is not a database\n$/],
    [{ DATABASE: join(dir, 'a.db'), SEED_FILE: join(dir, 'missing.json') }, /^scanstub: fixture refused: .*missing\.json: ENOENT.*\n$/]
  ]
  for (const [env, line] of cases) {
    const { code, stderr } = await run({ PORT: '0', ...env })
    t.equal(code, 1, JSON.stringify(env))
    t.match(stderr, line)
    t.equal(stderr.trim().split('\n').length, 1, 'one line, no stack')
  }
})

t.test('the first log line states the bound URL; SIGTERM stops it with exit 0', async t => {
  const { code, stdout } = await run({ PORT: '0', HOST: '127.0.0.1', DATABASE: join(tempDir(t), 's.db') }, 'SIGTERM')
  t.equal(code, 0)
  // stdout: pino's JSON lines, and the base URL alone on a line of its own
  const all = stdout.trim().split('\n')
  const lines = all.filter(l => l.startsWith('{')).map(l => JSON.parse(l))
  const listening = lines.find(l => l.msg.startsWith('scanstub listening'))
  t.match(listening, { level: 30, url: /^http:\/\/127\.0\.0\.1:\d+$/ })
  t.ok(lines[0].msg.includes(listening.url), `the first log line states the bound URL: ${lines[0].msg}`)
  t.ok(lines.some(l => l.msg === 'JWT_SECRET is not set: using the fixed development secret; do not expose this server'), 'warns about the development secret')
  t.ok(all.includes(listening.url), 'the URL alone on a line')
  t.notOk(stdout.includes('eyJ'), 'no token in the logs')
})
