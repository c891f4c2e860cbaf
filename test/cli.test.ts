import { spawn, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import t from 'tap'
import { packageRoot } from '../src/paths'
import { tempDir } from './helpers'

const CLI = join(packageRoot, 'dist', 'scanstub.js')
const env = (extra: Record<string, string> = {}) => ({ PATH: process.env.PATH, JWT_SECRET: 'cli-test-secret-1234', LOG_LEVEL: 'silent', ...extra })
const cli = (args: string[], extra: Record<string, string> = {}) => spawnSync(process.execPath, [CLI, ...args], { env: env(extra), encoding: 'utf8', timeout: 20_000 })

t.test('--help for the CLI and each command', async t => {
  t.match(cli(['--help']).stdout, /Commands:\n  serve .*\n  token .*\n  migrate /)
  t.match(cli(['serve', '--help']).stdout, /--port N .*\n.*--host ADDR.*\n.*--db FILE.*\n.*--seed FILE/)
  t.match(cli(['token', '--help']).stdout, /--tenant T/)
  t.match(cli(['migrate', '--help']).stdout, /Usage: scanstub migrate/)
  const bad = cli(['frobnicate'])
  t.equal(bad.status, 1)
  t.equal(bad.stderr, 'scanstub: unknown command "frobnicate"; try \'scanstub --help\'\n')
  const badFlag = cli(['serve', '--prot', '1'])
  t.equal(badFlag.status, 1)
  t.match(badFlag.stderr, /^scanstub: Unknown option '--prot'/)
})

t.test('migrate applies and reports the migrations', async t => {
  const db = join(tempDir(t), 'cli.db')
  const res = cli(['migrate', '--db', db])
  t.equal(res.status, 0)
  t.equal(res.stdout, `${db}: migrations applied: 001_init.sql, 002_clocks.sql, 003_health_probe.sql\n`)
})

t.test('serve: flags override the environment, stdout states the URL; token mints what it accepts', async t => {
  const dir = tempDir(t)
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--host', '127.0.0.1', '--db', join(dir, 'flag.db')],
    { env: env({ PORT: '1', DATABASE: join(dir, 'env.db') }), stdio: ['ignore', 'pipe', 'pipe'] })
  t.teardown(() => { child.kill('SIGKILL') })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`no URL in ${out}`)), 20_000)
    child.stdout.on('data', d => {
      out += d
      const m = /^(http:\/\/127\.0\.0\.1:\d+)\n/.exec(out)
      if (m) { clearTimeout(timer); resolve(m[1]) }
    })
  })
  const token = cli(['token', '--tenant', 'cli', '--sub', 'me', '--expires-in', '1h']).stdout.trim()
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString())
  t.match(claims, { sub: 'me', tenant: 'cli' })
  t.equal(claims.exp - claims.iat, 3600)
  const res = await fetch(`${url}/api/v1/scans`, { headers: { authorization: `Bearer ${token}` } })
  t.equal(res.status, 200)
  const stopped = new Promise(resolve => child.on('exit', code => resolve(code)))
  child.kill('SIGTERM')
  t.equal(await stopped, 0)
})
