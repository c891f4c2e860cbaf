import t from 'tap'
import { DEV_JWT_SECRET, loadConfig } from '../src/config'

t.test('defaults', async t => {
  t.same(loadConfig({}), {
    port: 8080,
    host: '0.0.0.0',
    database: './data/scanstub.db',
    jwtSecret: DEV_JWT_SECRET,
    jwtSecretIsDefault: true,
    jwtPublicKey: undefined,
    logLevel: 'info',
    seedFile: undefined,
    strict: false,
    adminToken: undefined,
    adminApi: true,
    journalLimit: 1000,
    journalBytes: 4194304,
    faultRulesLimit: 100,
    faultRuleBytes: 65536,
    corsOrigins: []
  })
})

t.test('values are read and converted', async t => {
  const c = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE: ':memory:', JWT_SECRET: 'long-enough-secret', LOG_LEVEL: 'warn', STRICT: '1', ADMIN_API: 'off', ADMIN_TOKEN: 'adm', JOURNAL_LIMIT: '5' })
  t.match(c, { port: 0, host: '127.0.0.1', database: ':memory:', jwtSecret: 'long-enough-secret', jwtSecretIsDefault: false, logLevel: 'warn', strict: true, adminApi: false, adminToken: 'adm', journalLimit: 5 })
})

t.test('a bad value is one line naming the variable', async t => {
  const cases: [Record<string, string>, string][] = [
    [{ PORT: 'eighty' }, 'scanstub: environment variable PORT="eighty" is invalid: must be an integer from 0 to 65535'],
    [{ PORT: '70000' }, 'scanstub: environment variable PORT="70000" is invalid: must be an integer from 0 to 65535'],
    [{ LOG_LEVEL: 'loud' }, 'scanstub: environment variable LOG_LEVEL="loud" is invalid: must be one of fatal, error, warn, info, debug, trace, silent'],
    [{ STRICT: 'yes' }, 'scanstub: environment variable STRICT="yes" is invalid: must be one of 0, 1'],
    [{ JWT_SECRET: 'short' }, 'scanstub: environment variable JWT_SECRET="short" is invalid: must be at least 8 characters'],
    [{ ADMIN_API: 'maybe' }, 'scanstub: environment variable ADMIN_API="maybe" is invalid: must be one of on, off']
  ]
  for (const [env, message] of cases) t.throws(() => loadConfig(env), { name: 'Error', message }, JSON.stringify(env))
})
