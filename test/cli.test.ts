import { spawn, spawnSync } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { SETTINGS } from '../src/config'
import { packageRoot } from '../src/paths'
import { tempDir } from './helpers'

// spawns processes (CLI, tsc, generators): slow when the machine is shared
t.setTimeout(6 * 60_000)

const CLI = join(packageRoot, 'dist', 'scanstub.js')
const env = (extra: Record<string, string> = {}) => ({ PATH: process.env.PATH, JWT_SECRET: 'cli-test-secret-1234', LOG_LEVEL: 'silent', ...extra })
const cli = (args: string[], extra: Record<string, string> = {}) => spawnSync(process.execPath, [CLI, ...args], { env: env(extra), encoding: 'utf8', timeout: 20_000 })

/** Starts `scanstub serve` and resolves once stdout has its first line; the process is killed at teardown. */
async function serve (t: Test, args: string[], extra: Record<string, string> = {}, cwd?: string) {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], { env: env(extra), cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  t.teardown(() => { child.kill('SIGKILL') })
  let stdout = ''
  let stderr = ''
  child.stderr.on('data', d => { stderr += d })
  const firstLine = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no first line in ${stdout} / ${stderr}`)), 20_000)
    child.stdout.on('data', d => {
      stdout += d
      if (stdout.includes('\n')) { clearTimeout(timer); resolve(stdout.slice(0, stdout.indexOf('\n'))) }
    })
  })
  return { child, firstLine, out: () => stdout, err: () => stderr }
}

t.test('--version and --help for the CLI and each command', async t => {
  const version = cli(['--version'])
  t.equal(version.stdout, `${JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')).version}\n`)
  t.equal(version.status, 0)
  t.match(cli(['--help']).stdout, /Commands:\n {2}serve .*\n {2}token .*\n {2}migrate /)
  const help = cli(['serve', '--help']).stdout
  t.match(help, /first line of stdout/)
  t.match(help, /The store is in memory, so nothing is kept and no file is made, unless --db FILE \(or DATABASE\)/)
  for (const s of SETTINGS) t.match(help, new RegExp(`\\n  --${s.flag}${'arg' in s ? ` ${s.arg}` : ''} +${s.env} +\\S`), `--help lists --${s.flag} with ${s.env}`)
  t.match(help, /--config FILE +JSON object of settings/)
  t.match(cli(['token', '--help']).stdout, /--tenant T[^]*--jwt-secret S +JWT_SECRET/)
  t.match(cli(['migrate', '--help']).stdout, /Usage: scanstub migrate[^]*--db FILE +DATABASE/)
})

t.test('errors are one line naming what the user typed', async t => {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const cases: [string[], Record<string, string>, string | RegExp][] = [
    [['frobnicate'], {}, 'scanstub: unknown command "frobnicate"; try \'scanstub --help\'\n'],
    [['serve', '--prot', '1'], {}, /^scanstub: Unknown option '--prot'/],
    [['serve', '--port', 'abc'], {}, 'scanstub: --port "abc" is invalid: must be an integer from 0 to 65535\n'],
    [['serve'], { PORT: 'abc' }, 'scanstub: environment variable PORT="abc" is invalid: must be an integer from 0 to 65535\n'],
    [['serve', '--log-level', 'loud'], {}, /^scanstub: --log-level "loud" is invalid: must be one of fatal, /],
    [['serve', '--strict=maybe'], {}, 'scanstub: --strict "maybe" is invalid: must be one of true, false, on, off, yes, no, 1, 0\n'],
    [['serve', '--admin-token', 'short'], {}, 'scanstub: --admin-token "short" is invalid: must be at least 16 characters\n'],
    [['serve'], { JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----' }, /^scanstub: environment variable JWT_PUBLIC_KEY is not a PEM public key: /],
    [['serve'], { HOST: 'not a host', ADMIN_API: 'off' }, /^scanstub: environment variable HOST="not a host" is not an address of this machine: the name does not resolve \((ENOTFOUND|EAI_AGAIN)\)\n$/],
    [['serve', '--host', '0.0.0.0'], {}, /^scanstub: --host "0\.0\.0\.0" is reachable from the network and the admin API is open without ADMIN_TOKEN .*ALLOW_INSECURE=1 to start anyway\n$/],
    [['serve', '--db', '/proc/self/status'], {}, 'scanstub: --db "/proc/self/status" is not a regular file (it is under /proc)\n'],
    [['token'], { JWT_SECRET: '', JWT_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString() }, /^scanstub: JWT_PUBLIC_KEY is set without JWT_SECRET, so the server accepts no HS256 token this command could sign/]
  ]
  for (const [args, extra, expected] of cases) {
    const res = cli(args, extra)
    t.equal(res.status, 1, `${args.join(' ')} ${JSON.stringify(extra)}`)
    if (typeof expected === 'string') t.equal(res.stderr, expected)
    else t.match(res.stderr, expected)
    t.equal(res.stderr.trim().split('\n').length, 1, 'one line, no stack')
  }
})

t.test('migrate applies and reports the migrations', async t => {
  const db = join(tempDir(t), 'cli.db')
  const res = cli(['migrate', '--db', db])
  t.equal(res.status, 0)
  t.equal(res.stdout, `${db}: migrations applied: 001_init.sql, 002_clocks.sql, 003_health_probe.sql\n`)
})

t.test('serve: the URL alone on the first stdout line, before the logs; in memory by default, no ./data made', async t => {
  const cwd = tempDir(t)
  const { firstLine, out } = await serve(t, ['--port', '0', '--log-level', 'INFO'], {}, cwd)
  t.match(firstLine, /^http:\/\/127\.0\.0\.1:\d+$/)
  const health = await fetch(`${firstLine}/health`)
  t.equal(health.status, 200)
  t.match(out().split('\n')[1], /^\{"level":30,.*"msg":"Server listening at http:\/\/127\.0\.0\.1:\d+"\}$/, 'the logs come after')
  t.same(readdirSync(cwd), [], 'nothing written in the working folder')
})

t.test('serve: flags override the environment, the environment the --config file; token mints what it accepts', async t => {
  const dir = tempDir(t)
  const file = join(dir, 'scanstub.json')
  writeFileSync(file, JSON.stringify({ PORT: 1, DATABASE: join(dir, 'file.db'), ADMIN_API: true, STRICT: 'off' }))
  const { child, firstLine: url } = await serve(t, ['--config', file, '--port', '0', '--host', '127.0.0.1', '--db', join(dir, 'flag.db'), '--no-admin-api', '--strict'], { DATABASE: join(dir, 'env.db'), STRICT: 'no' })
  t.ok(existsSync(join(dir, 'flag.db')), 'the flag chose the database')
  t.notOk(existsSync(join(dir, 'env.db')))
  t.notOk(existsSync(join(dir, 'file.db')))
  t.equal((await fetch(`${url}/__admin/health`)).status, 404, '--no-admin-api removed the admin API')
  const token = cli(['token', '--tenant', 'cli', '--sub', 'me', '--expires-in', '1h']).stdout.trim()
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString())
  t.match(claims, { sub: 'me', tenant: 'cli' })
  t.equal(claims.exp - claims.iat, 3600)
  const res = await fetch(`${url}/api/v1/scans`, { headers: { authorization: `Bearer ${token}` } })
  t.equal(res.status, 200)
  // --strict (over STRICT=no in the environment): an unknown field is a 400
  const strict = await fetch(`${url}/api/v1/scans/scan-adhoc`, { method: 'PATCH', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ colour: 'red' }) })
  t.equal(strict.status, 400)
  const stopped = new Promise(resolve => child.on('exit', code => resolve(code)))
  child.kill('SIGTERM')
  t.equal(await stopped, 0)
})

t.test('serve: the environment over the --config file', async t => {
  const dir = tempDir(t)
  const file = join(dir, 'scanstub.json')
  writeFileSync(file, JSON.stringify({ PORT: 0, DATABASE: join(dir, 'file.db'), ADMIN_TOKEN: 'from-the-config-file' }))
  const { firstLine: url } = await serve(t, ['--config', file], { DATABASE: join(dir, 'env.db') })
  t.ok(existsSync(join(dir, 'env.db')))
  t.notOk(existsSync(join(dir, 'file.db')))
  t.equal((await fetch(`${url}/__admin/requests`)).status, 401, 'the file\'s ADMIN_TOKEN guards the admin API')
  t.equal((await fetch(`${url}/__admin/requests`, { headers: { authorization: 'Bearer from-the-config-file' } })).status, 200)
})

t.test('token: the one signer app.mintToken uses, so the CLI and the app mint the same token', async t => {
  const { createTokenSigner } = await import('../src/auth/signer')
  const { buildApp } = await import('../src/app')
  const { loadConfig } = await import('../src/config')
  const app = await buildApp(loadConfig({ JWT_SECRET: 'cli-test-secret-1234' }), { logger: false })
  t.teardown(() => app.close())
  const parts = (token: string) => token.split('.').slice(0, 2).map(p => JSON.parse(Buffer.from(p, 'base64url').toString()))
  const claims = { sub: 'me', email: 'me@example.com', name: 'Me', tenant: 'cli' }
  const fromCli = cli(['token', '--sub', 'me', '--email', 'me@example.com', '--name', 'Me', '--tenant', 'cli', '--expires-in', '2h']).stdout.trim()
  const fromApp = app.mintToken(claims, '2h')
  const [cliHeader, cliClaims] = parts(fromCli)
  const [appHeader, appClaims] = parts(fromApp)
  t.same(cliHeader, appHeader, 'the same header')
  t.same(Object.keys(cliClaims).sort(), Object.keys(appClaims).sort(), 'the same claims')
  t.match(cliClaims, claims)
  t.equal(cliClaims.exp - cliClaims.iat, 7200)
  t.equal(appClaims.exp - appClaims.iat, 7200)
  t.equal(createTokenSigner('cli-test-secret-1234')(claims, 7200).split('.')[0], fromCli.split('.')[0])
  // and each is accepted by the app
  for (const token of [fromCli, fromApp]) {
    const res = await app.inject({ url: '/api/v1/scans', headers: { authorization: `Bearer ${token}` } })
    t.equal(res.statusCode, 200)
  }
  t.throws(() => app.mintToken(claims, '0s'), /at least one second/)
  t.notOk('exp' in parts(app.mintToken(claims))[1], 'no lifetime: no exp')
})
