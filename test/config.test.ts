import { generateKeyPairSync } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { checkExposure, DEV_JWT_SECRET, isLoopback, loadConfig } from '../src/config'
import { tempDir } from './helpers'

const ADMIN = 'an-admin-token-of-16+'

t.test('defaults: loopback, in memory, the development secret', async t => {
  t.same(loadConfig({}), {
    port: 8080,
    host: '127.0.0.1',
    database: ':memory:',
    jwtSecret: DEV_JWT_SECRET,
    jwtSecretIsDefault: true,
    jwtSecretIsRandom: false,
    jwtPublicKey: undefined,
    logLevel: 'info',
    seedFile: undefined,
    strict: false,
    adminToken: undefined,
    adminApi: true,
    journalLimit: 1000,
    allowInsecure: false,
    origins: {},
    journalBytes: 4194304,
    faultRulesLimit: 100,
    faultRuleBytes: 65536,
    tenantLimit: 10000,
    fixtureBodyLimit: 134217728,
    corsOrigins: [],
    keptRecords: 10_000,
    keptPagesMb: 64,
    sqliteCacheMb: 16
  })
})

t.test('values are read and converted; levels and booleans in any usual spelling', async t => {
  const c = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE: ':memory:', JWT_SECRET: 'long-enough-secret', LOG_LEVEL: 'WARN', STRICT: '1', ADMIN_API: 'off', ADMIN_TOKEN: ADMIN, JOURNAL_LIMIT: '5' })
  t.match(c, { port: 0, host: '127.0.0.1', database: ':memory:', jwtSecret: 'long-enough-secret', jwtSecretIsDefault: false, logLevel: 'warn', strict: true, adminApi: false, adminToken: ADMIN, journalLimit: 5 })
  t.same(c.origins.PORT, 'environment variable PORT="0"')
  for (const [text, value] of [['true', true], ['TRUE', true], ['on', true], ['Yes', true], ['1', true], ['false', false], ['Off', false], ['no', false], ['0', false]] as const) {
    t.equal(loadConfig({ STRICT: text }).strict, value, `STRICT=${text}`)
    t.equal(loadConfig({ ADMIN_API: text }).adminApi, value, `ADMIN_API=${text}`)
  }
  t.equal(loadConfig({ LOG_LEVEL: 'Debug' }).logLevel, 'debug')
  t.equal(loadConfig({ KEPT_PAGES_MB: '0' }).keptPagesMb, 0, 'KEPT_PAGES_MB=0: no list page kept')
  t.equal(loadConfig({ KEPT_PAGES_MB: '256' }).keptPagesMb, 256)
  t.equal(loadConfig({ PORT: '' }).port, 8080, 'an empty variable is an unset one')
  t.equal(loadConfig({ ADMIN_TOKEN: '', ADMIN_API: 'off' }).adminToken, undefined, 'an empty ADMIN_TOKEN is moot with the admin API off (compose passes an empty one)')
})

t.test('a bad value is one line naming the variable', async t => {
  const cases: [Record<string, string>, string][] = [
    [{ PORT: 'eighty' }, 'scanstub: environment variable PORT="eighty" is invalid: must be an integer from 0 to 65535'],
    [{ PORT: '70000' }, 'scanstub: environment variable PORT="70000" is invalid: must be an integer from 0 to 65535'],
    [{ LOG_LEVEL: 'loud' }, 'scanstub: environment variable LOG_LEVEL="loud" is invalid: must be one of fatal, error, warn, info, debug, trace, silent'],
    [{ STRICT: 'maybe' }, 'scanstub: environment variable STRICT="maybe" is invalid: must be one of true, false, on, off, yes, no, 1, 0'],
    [{ JWT_SECRET: 'short' }, 'scanstub: environment variable JWT_SECRET="short" is invalid: must be at least 8 characters'],
    [{ ADMIN_API: 'maybe' }, 'scanstub: environment variable ADMIN_API="maybe" is invalid: must be one of true, false, on, off, yes, no, 1, 0'],
    [{ ADMIN_TOKEN: '' }, 'scanstub: environment variable ADMIN_TOKEN="" is invalid: must not be empty while the admin API is on (unset it to leave the admin API open, or ADMIN_API=off)'],
    [{ ADMIN_TOKEN: 'admin-secret' }, 'scanstub: environment variable ADMIN_TOKEN="admin-secret" is invalid: must be at least 16 characters'],
    [{ KEPT_PAGES_MB: '-1' }, 'scanstub: environment variable KEPT_PAGES_MB="-1" is invalid: must be an integer from 0 to 65536'],
    [{ KEPT_PAGES_MB: '1.5' }, 'scanstub: environment variable KEPT_PAGES_MB="1.5" is invalid: must be an integer from 0 to 65536'],
    [{ KEPT_PAGES_MB: '65537' }, 'scanstub: environment variable KEPT_PAGES_MB="65537" is invalid: must be an integer from 0 to 65536'],
    [{ JWT_PUBLIC_KEY: 'not a key' }, 'scanstub: environment variable JWT_PUBLIC_KEY is not a PEM public key: error:1E08010C:DECODER routines::unsupported']
  ]
  for (const [env, message] of cases) t.throws(() => loadConfig(env), { name: 'Error', message }, JSON.stringify(env))
})

t.test('flags win over the environment, the environment over the file; each error names its source', async t => {
  const dir = tempDir(t)
  const file = join(dir, 'scanstub.json')
  writeFileSync(file, JSON.stringify({ PORT: 9000, HOST: '127.0.0.2', STRICT: true, JOURNAL_LIMIT: 7 }))
  const c = loadConfig({ PORT: '9001', HOST: '127.0.0.3' }, { flags: { PORT: '9002' }, file })
  t.match(c, { port: 9002, host: '127.0.0.3', strict: true, journalLimit: 7 })
  t.same(c.origins, { PORT: '--port "9002"', HOST: 'environment variable HOST="127.0.0.3"', STRICT: `STRICT="true" in config file ${file}`, JOURNAL_LIMIT: `JOURNAL_LIMIT="7" in config file ${file}` })

  t.throws(() => loadConfig({}, { flags: { PORT: 'abc' } }), { message: 'scanstub: --port "abc" is invalid: must be an integer from 0 to 65535' })
  writeFileSync(file, JSON.stringify({ LOG_LEVEL: 'chatty' }))
  t.throws(() => loadConfig({}, { file }), { message: `scanstub: LOG_LEVEL="chatty" in config file ${file} is invalid: must be one of fatal, error, warn, info, debug, trace, silent` })
  writeFileSync(file, JSON.stringify({ PROT: 1 }))
  t.throws(() => loadConfig({}, { file }), { message: /^scanstub: --config ".*scanstub\.json": "PROT" is not a setting \(the settings are PORT, HOST, / })
  writeFileSync(file, '{"PORT": ')
  t.throws(() => loadConfig({}, { file }), { message: /^scanstub: --config ".*scanstub\.json": not JSON: / })
  writeFileSync(file, '[]')
  t.throws(() => loadConfig({}, { file }), { message: /must be a JSON object of settings/ })
  writeFileSync(file, JSON.stringify({ PORT: { n: 1 } }))
  t.throws(() => loadConfig({}, { file }), { message: /"PORT" must be a string, number or boolean$/ })
  t.throws(() => loadConfig({}, { file: join(dir, 'missing.json') }), { message: /^scanstub: --config ".*missing\.json": cannot read: ENOENT$/ })
})

t.test('DATABASE must be a plain file when it exists', async t => {
  const dir = tempDir(t)
  mkdirSync(join(dir, 'folder'))
  t.throws(() => loadConfig({ DATABASE: '/proc/self/status' }), { message: 'scanstub: environment variable DATABASE="/proc/self/status" is not a regular file (it is under /proc)' })
  t.throws(() => loadConfig({}, { flags: { DATABASE: '/dev/null' } }), { message: 'scanstub: --db "/dev/null" is not a regular file (it is under /dev)' })
  t.throws(() => loadConfig({ DATABASE: join(dir, 'folder') }), { message: /is not a regular file$/ })
  t.equal(loadConfig({ DATABASE: join(dir, 'new.db') }).database, join(dir, 'new.db'), 'a file not made yet is fine')
})

t.test('JWT_PUBLIC_KEY: parsed at start, \\n-escaped PEM read too; without JWT_SECRET the development secret no longer signs', async t => {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString()
  const c = loadConfig({ JWT_PUBLIC_KEY: pem.replace(/\n/g, '\\n') })
  t.equal(c.jwtPublicKey, pem)
  t.equal(c.jwtSecretIsDefault, false)
  t.equal(c.jwtSecretIsRandom, true)
  t.not(c.jwtSecret, DEV_JWT_SECRET)
  t.not(loadConfig({ JWT_PUBLIC_KEY: pem }).jwtSecret, c.jwtSecret, 'a secret of its own at each start')
  t.match(loadConfig({ JWT_PUBLIC_KEY: pem, JWT_SECRET: 'the-shared-secret' }), { jwtSecret: 'the-shared-secret', jwtSecretIsRandom: false })
  const ed = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString()
  t.throws(() => loadConfig({}, { flags: { JWT_PUBLIC_KEY: ed } }), { message: 'scanstub: --jwt-public-key is a ed25519 key: RS256 needs an RSA key, ES256 an EC key' })
})

t.test('exposure: a non-loopback HOST with an open admin API or the development secret is refused, or warned about', async t => {
  for (const host of ['127.0.0.1', '127.8.0.1', 'localhost', '::1', '[::1]']) t.ok(isLoopback(host), host)
  for (const host of ['0.0.0.0', '::', '10.0.0.1', 'example.com', '128.0.0.1']) t.notOk(isLoopback(host), host)

  t.same(checkExposure(loadConfig({})), [])
  t.throws(() => checkExposure(loadConfig({ HOST: '0.0.0.0', JWT_SECRET: 'a-real-secret' })), {
    message: 'scanstub: environment variable HOST="0.0.0.0" is reachable from the network and the admin API is open without ADMIN_TOKEN (anyone who reaches the port can reset data and mint tokens); set ADMIN_TOKEN (or ADMIN_API=off) and JWT_SECRET, bind HOST=127.0.0.1, or set ALLOW_INSECURE=1 to start anyway'
  })
  t.throws(() => checkExposure(loadConfig({ ADMIN_TOKEN: ADMIN }, { flags: { HOST: '0.0.0.0' } })), {
    message: /^scanstub: --host "0\.0\.0\.0" is reachable from the network and JWT_SECRET is not set \(the development secret is public: anyone can sign tokens\); /
  })
  t.same(checkExposure(loadConfig({ HOST: '0.0.0.0', JWT_SECRET: 'a-real-secret', ADMIN_TOKEN: ADMIN })), [])
  t.same(checkExposure(loadConfig({ HOST: '0.0.0.0', JWT_SECRET: 'a-real-secret', ADMIN_API: 'off' })), [])
  const warnings = checkExposure(loadConfig({ HOST: '0.0.0.0', ALLOW_INSECURE: 'yes' }))
  t.equal(warnings.length, 1)
  t.match(warnings[0], /^WARNING: INSECURE: environment variable HOST="0\.0\.0\.0" is reachable from the network and the admin API is open without ADMIN_TOKEN .* and JWT_SECRET is not set .*; started anyway because ALLOW_INSECURE is set$/)
})
