import { createPublicKey, randomBytes } from 'node:crypto'
import { readFileSync, realpathSync, statSync } from 'node:fs'
import { isIP } from 'node:net'
import { convertSetting, expected, LOG_LEVELS, SETTINGS, type Setting, type SettingName } from './settings'

export { SETTINGS, type SettingName } from './settings'
import { KEPT_PAGES_MB_DEFAULT } from './store/kept-pages'
import { KEPT_RECORDS_DEFAULT } from './store/kept-records'

export { KEPT_PAGES_MB_DEFAULT, KEPT_RECORDS_DEFAULT }
/** better-sqlite3's own default cache_size (-16000 KiB) */
export const SQLITE_CACHE_MB_DEFAULT = 16

export const DEV_JWT_SECRET = 'scanstub-development-secret-do-not-use-in-production'

export interface Config {
  port: number
  host: string
  database: string
  jwtSecret: string
  /** true when JWT_SECRET was not set and the development secret is in use */
  jwtSecretIsDefault: boolean
  /** true when JWT_PUBLIC_KEY is set without JWT_SECRET: HS256 tokens are signed with a secret made at start */
  jwtSecretIsRandom: boolean
  jwtPublicKey?: string
  logLevel: typeof LOG_LEVELS[number]
  seedFile?: string
  strict: boolean
  adminToken?: string
  adminApi: boolean
  journalLimit: number
  allowInsecure: boolean
  /** what the user typed for each setting given, as errors quote it: `--host "x"`, `environment variable HOST="x"` */
  origins: Partial<Record<SettingName, string>>
  journalBytes: number
  faultRulesLimit: number
  faultRuleBytes: number
  tenantLimit: number
  fixtureBodyLimit: number
  /** origins allowed by CORS; empty: CORS off */
  corsOrigins: string[]
  /** records each repository keeps parsed in memory */
  keptRecords: number
  /** MB of whole list answers kept while nothing is written */
  keptPagesMb: number
  /** SQLite's page cache, in MB */
  sqliteCacheMb: number
}

export class ConfigError extends Error {}

export interface ConfigSources {
  /** command-line values by setting, as typed */
  flags?: Partial<Record<SettingName, string>>
  /** a JSON file of settings by variable name (`{"PORT": 8080}`): below the environment */
  file?: string
}

/** the settings once converted (src/settings.ts says which type each has) */
interface Values {
  PORT: number, HOST: string, DATABASE: string, JWT_SECRET: string, JWT_PUBLIC_KEY: string, LOG_LEVEL: Config['logLevel'],
  SEED_FILE: string, STRICT: boolean, ADMIN_TOKEN: string, ADMIN_API: boolean, JOURNAL_LIMIT: number, ALLOW_INSECURE: boolean
  JOURNAL_BYTES: number, FAULT_RULES_LIMIT: number, FAULT_RULE_BYTES: number, CORS_ORIGINS: string
  TENANT_LIMIT: number, FIXTURE_BODY_LIMIT: number
  KEPT_RECORDS: number, KEPT_PAGES_MB: number, SQLITE_CACHE_MB: number
}

/** a value as given: `label` names where (`--host`), `origin` adds the value (`--host "x"`) */
interface Given { text: string, label: string, origin: string }

/**
 * Reads and checks the settings from flags, then the environment, then a config file (the first that
 * gives a setting wins). A bad value throws one line naming the setting as the user gave it.
 */
export function loadConfig (env: NodeJS.ProcessEnv = process.env, sources: ConfigSources = {}): Config {
  const fromFile = sources.file === undefined ? {} : readConfigFile(sources.file)
  const values: Record<string, unknown> = {}
  const origins: Partial<Record<SettingName, string>> = {}
  const labels: Partial<Record<SettingName, string>> = {}
  let emptyAdminToken: string | undefined
  for (const setting of SETTINGS as readonly Setting[]) {
    const given = givenValue(setting, sources.flags, env, fromFile)
    if (given === undefined) continue
    // an empty ADMIN_TOKEN guards nothing: with the admin API on that is an error (below), with it off moot
    if (setting.env === 'ADMIN_TOKEN' && given.text === '') { emptyAdminToken = given.origin; continue }
    const value = convertSetting(setting.kind, given.text)
    if (value === undefined) throw new ConfigError(`scanstub: ${given.origin} is invalid: ${expected(setting.kind)}`)
    values[setting.env] = value
    origins[setting.env as SettingName] = given.origin
    labels[setting.env as SettingName] = given.label
  }
  const v = values as Partial<Values>
  if (emptyAdminToken !== undefined && v.ADMIN_API !== false) {
    throw new ConfigError(`scanstub: ${emptyAdminToken} is invalid: must not be empty while the admin API is on (unset it to leave the admin API open, or ADMIN_API=off)`)
  }
  const jwtPublicKey = v.JWT_PUBLIC_KEY === undefined ? undefined : checkPublicKey(v.JWT_PUBLIC_KEY, labels.JWT_PUBLIC_KEY!)
  const database: string = v.DATABASE ?? ':memory:'
  if (database !== ':memory:') checkDatabasePath(database, origins.DATABASE!)
  // with an identity provider's key and no secret of its own, the well-known development secret must
  // not sign tokens that pass: HS256 then takes a secret nobody outside this process knows
  const jwtSecretIsRandom = v.JWT_SECRET === undefined && jwtPublicKey !== undefined
  return {
    port: v.PORT ?? 8080,
    host: v.HOST ?? '127.0.0.1',
    database,
    jwtSecret: v.JWT_SECRET ?? (jwtSecretIsRandom ? randomBytes(32).toString('base64url') : DEV_JWT_SECRET),
    jwtSecretIsDefault: v.JWT_SECRET === undefined && !jwtSecretIsRandom,
    jwtSecretIsRandom,
    jwtPublicKey,
    logLevel: v.LOG_LEVEL ?? 'info',
    seedFile: v.SEED_FILE,
    strict: v.STRICT ?? false,
    adminToken: v.ADMIN_TOKEN,
    adminApi: v.ADMIN_API ?? true,
    journalLimit: v.JOURNAL_LIMIT ?? 1000,
    allowInsecure: v.ALLOW_INSECURE ?? false,
    origins,
    journalBytes: v.JOURNAL_BYTES ?? 4_194_304,
    faultRulesLimit: v.FAULT_RULES_LIMIT ?? 100,
    faultRuleBytes: v.FAULT_RULE_BYTES ?? 65_536,
    tenantLimit: v.TENANT_LIMIT ?? 10_000,
    fixtureBodyLimit: v.FIXTURE_BODY_LIMIT ?? 134_217_728,
    corsOrigins: v.CORS_ORIGINS === undefined ? [] : v.CORS_ORIGINS.split(',').map(o => o.trim()).filter(o => o !== ''),
    keptRecords: v.KEPT_RECORDS ?? KEPT_RECORDS_DEFAULT,
    keptPagesMb: v.KEPT_PAGES_MB ?? KEPT_PAGES_MB_DEFAULT,
    sqliteCacheMb: v.SQLITE_CACHE_MB ?? SQLITE_CACHE_MB_DEFAULT
  }
}

function givenValue (setting: Setting, flags: ConfigSources['flags'], env: NodeJS.ProcessEnv, file: Record<string, string>): Given | undefined {
  const flag = flags?.[setting.env as SettingName]
  if (flag !== undefined) return { text: flag, label: `--${setting.flag}`, origin: `--${setting.flag} ${JSON.stringify(flag)}` }
  const text = env[setting.env]
  // an empty variable is an unset one (compose writes `FOO=`), except a token meant to guard the admin API
  if (text !== undefined && (text !== '' || setting.env === 'ADMIN_TOKEN')) {
    return { text, label: `environment variable ${setting.env}`, origin: `environment variable ${setting.env}=${JSON.stringify(text)}` }
  }
  if (file.origin === undefined) return undefined
  const fromFile = file[setting.env]
  return fromFile === undefined ? undefined : { text: fromFile, label: `${setting.env} in ${file.origin}`, origin: `${setting.env}=${JSON.stringify(fromFile)} in ${file.origin}` }
}

/** The --config file: an object of settings by variable name, values as JSON strings, numbers or booleans. */
function readConfigFile (path: string): Record<string, string> {
  const where = `--config ${JSON.stringify(path)}`
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch (err) {
    const e = err as NodeJS.ErrnoException
    throw new ConfigError(`scanstub: ${where}: ${e.code ? `cannot read: ${e.code}` : `not JSON: ${e.message}`}`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConfigError(`scanstub: ${where}: must be a JSON object of settings, e.g. {"PORT": 8080}`)
  const names = SETTINGS.map(s => s.env) as string[]
  const out: Record<string, string> = { origin: `config file ${path}` }
  for (const [key, value] of Object.entries(parsed)) {
    if (!names.includes(key)) throw new ConfigError(`scanstub: ${where}: "${key}" is not a setting (the settings are ${names.join(', ')})`)
    if (!['string', 'number', 'boolean'].includes(typeof value)) throw new ConfigError(`scanstub: ${where}: "${key}" must be a string, number or boolean`)
    out[key] = String(value)
  }
  return out
}

/** A PEM in an environment variable often arrives with its newlines written as \n: both forms are read. */
function checkPublicKey (text: string, label: string): string {
  const pem = text.includes('\\n') && !text.includes('\n') ? text.replace(/\\n/g, '\n') : text
  let type: string | undefined
  try {
    type = createPublicKey(pem).asymmetricKeyType
  } catch (err) {
    throw new ConfigError(`scanstub: ${label} is not a PEM public key: ${(err as Error).message}`)
  }
  if (type !== 'rsa' && type !== 'ec') throw new ConfigError(`scanstub: ${label} is a ${type} key: RS256 needs an RSA key, ES256 an EC key`)
  return pem
}

/**
 * SQLite on a device, a folder or a kernel file fails late and oddly: refuse anything but a plain file
 * (or nothing yet). Files under /proc and /sys say they are regular, so their place is checked too.
 */
function checkDatabasePath (path: string, origin: string): void {
  let real: string
  let file: boolean
  try {
    real = realpathSync(path)
    file = statSync(real).isFile()
  } catch {
    return // not there yet: created on open (errors on the way are the store's, naming the path)
  }
  const kernel = /^\/(proc|sys|dev)(\/|$)/.exec(real)
  if (!file || kernel) throw new ConfigError(`scanstub: ${origin} is not a regular file${kernel ? ` (it is under /${kernel[1]})` : ''}`)
}

export function isLoopback (host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase()
  if (h === 'localhost' || h.endsWith('.localhost')) return true
  if (isIP(h) === 4) return h.startsWith('127.')
  return h === '::1' || /^::ffff:127\./.test(h)
}

/**
 * On an address others can reach, an admin API without a token lets anyone reset data and mint tokens,
 * and the development secret is public: both are refused unless ALLOW_INSECURE says it is on purpose.
 * Checked when the server starts (not by `scanstub token`); returns the warnings to say loudly.
 */
export function checkExposure (config: Config): string[] {
  if (isLoopback(config.host)) return []
  const host = config.origins.HOST ?? `HOST="${config.host}"`
  const problems: string[] = []
  if (config.adminApi && config.adminToken === undefined) problems.push('the admin API is open without ADMIN_TOKEN (anyone who reaches the port can reset data and mint tokens)')
  if (config.jwtSecretIsDefault) problems.push('JWT_SECRET is not set (the development secret is public: anyone can sign tokens)')
  if (problems.length === 0) return []
  const what = `${host} is reachable from the network and ${problems.join(' and ')}`
  if (!config.allowInsecure) {
    throw new ConfigError(`scanstub: ${what}; set ADMIN_TOKEN (or ADMIN_API=off) and JWT_SECRET, bind HOST=127.0.0.1, or set ALLOW_INSECURE=1 to start anyway`)
  }
  return [`WARNING: INSECURE: ${what}; started anyway because ALLOW_INSECURE is set`]
}
