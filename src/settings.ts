/**
 * Every setting scanstub reads: its environment variable, its command-line flag, its type and default.
 * The CLI's --help and the README's configuration table are this list; src/config.ts reads it.
 */
export type SettingKind =
  | { type: 'integer', min: number, max: number }
  | { type: 'string', minLength?: number }
  | { type: 'boolean' }
  | { type: 'choice', choices: readonly string[] }

export interface Setting {
  env: string
  flag: string
  /** the placeholder --help shows after the flag (none for a boolean) */
  arg?: string
  kind: SettingKind
  /** the default as --help states it */
  shown: string
  description: string
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

export const SETTINGS = [
  { env: 'PORT', flag: 'port', arg: 'N', kind: { type: 'integer', min: 0, max: 65535 }, shown: '8080', description: 'TCP port; 0 picks a free one' },
  { env: 'HOST', flag: 'host', arg: 'ADDR', kind: { type: 'string', minLength: 1 }, shown: '127.0.0.1', description: 'address to bind (0.0.0.0: every interface, see --allow-insecure)' },
  { env: 'DATABASE', flag: 'db', arg: 'FILE', kind: { type: 'string', minLength: 1 }, shown: ':memory:', description: 'SQLite file (its folder is created), or :memory: (nothing kept after exit)' },
  { env: 'JWT_SECRET', flag: 'jwt-secret', arg: 'S', kind: { type: 'string', minLength: 8 }, shown: 'a fixed development secret', description: 'HS256 secret of vendor tokens' },
  { env: 'JWT_PUBLIC_KEY', flag: 'jwt-public-key', arg: 'PEM', kind: { type: 'string', minLength: 1 }, shown: 'unset', description: 'PEM public key: RS256/ES256 tokens signed by it are accepted too' },
  { env: 'LOG_LEVEL', flag: 'log-level', arg: 'L', kind: { type: 'choice', choices: LOG_LEVELS }, shown: 'info', description: 'pino level, JSON lines on stdout' },
  { env: 'SEED_FILE', flag: 'seed', arg: 'FILE', kind: { type: 'string', minLength: 1 }, shown: 'the demo data', description: 'fixture every new tenant starts from' },
  { env: 'STRICT', flag: 'strict', kind: { type: 'boolean' }, shown: 'off', description: 'unknown body fields are a 400' },
  { env: 'ADMIN_TOKEN', flag: 'admin-token', arg: 'T', kind: { type: 'string', minLength: 16 }, shown: 'unset', description: '/__admin calls need Authorization: Bearer <T>' },
  { env: 'ADMIN_API', flag: 'admin-api', kind: { type: 'boolean' }, shown: 'on', description: 'off (--no-admin-api) removes /__admin entirely' },
  { env: 'JOURNAL_LIMIT', flag: 'journal-limit', arg: 'N', kind: { type: 'integer', min: 0, max: 1_000_000 }, shown: '1000', description: 'requests kept in the journal per tenant (oldest dropped); unverified traffic keeps a tenth' },
  { env: 'JOURNAL_BYTES', flag: 'journal-bytes', arg: 'N', kind: { type: 'integer', min: 1024, max: 1_073_741_824 }, shown: '4194304', description: 'bytes of journal kept per tenant (oldest dropped); unverified traffic keeps a tenth' },
  { env: 'FAULT_RULES_LIMIT', flag: 'fault-rules-limit', arg: 'N', kind: { type: 'integer', min: 1, max: 10_000 }, shown: '100', description: 'fault rules kept per tenant' },
  { env: 'FAULT_RULE_BYTES', flag: 'fault-rule-bytes', arg: 'N', kind: { type: 'integer', min: 1024, max: 1_048_576 }, shown: '65536', description: 'bytes of JSON one fault rule may hold' },
  { env: 'TENANT_LIMIT', flag: 'tenant-limit', arg: 'N', kind: { type: 'integer', min: 1, max: 10_000_000 }, shown: '10000', description: 'tenants kept; past it the one unused longest is dropped with its data, journal and fault rules' },
  { env: 'FIXTURE_BODY_LIMIT', flag: 'fixture-body-limit', arg: 'N', kind: { type: 'integer', min: 1024, max: 1_073_741_824 }, shown: '134217728', description: 'bytes a PUT /__admin/fixtures body may have (the vendors keep 1 MiB); a 100,000-record fixture is ~70 MB' },
  { env: 'KEPT_RECORDS', flag: 'kept-records', arg: 'N', kind: { type: 'integer', min: 0, max: 10_000_000 }, shown: '10000', description: 'records each repository keeps parsed in memory (the first kept forgotten first); more: PATCHes at random over many records cost less CPU, more memory' },
  { env: 'KEPT_PAGES_MB', flag: 'kept-pages-mb', arg: 'N', kind: { type: 'integer', min: 0, max: 65_536 }, shown: '64', description: 'MB of whole list answers kept while nothing is written (the least used dropped first; 0: none); a 10,000-target page is ~24 MB' },
  { env: 'SQLITE_CACHE_MB', flag: 'sqlite-cache-mb', arg: 'N', kind: { type: 'integer', min: 1, max: 65_536 }, shown: '16', description: "SQLite's page cache (cache_size) in MB: size it to the database for random access over many records" },
  { env: 'CORS_ORIGINS', flag: 'cors-origins', arg: 'LIST', kind: { type: 'string', minLength: 1 }, shown: 'unset', description: 'comma-separated origins (or *) allowed to call from a browser; unset: no CORS' },
  { env: 'ALLOW_INSECURE', flag: 'allow-insecure', kind: { type: 'boolean' }, shown: 'off', description: 'start on a non-loopback HOST with an open admin API or the development secret (warns)' }
] as const satisfies readonly Setting[]

export type SettingName = typeof SETTINGS[number]['env']

const TRUE = new Set(['1', 'true', 'on', 'yes'])
const FALSE = new Set(['0', 'false', 'off', 'no'])

/** A setting's text as its type, or undefined when it is not one: booleans and choices ignore case. */
export function convertSetting (kind: SettingKind, text: string): number | string | boolean | undefined {
  switch (kind.type) {
    case 'integer': {
      const n = /^\d+$/.test(text) ? Number(text) : NaN
      return Number.isSafeInteger(n) && n >= kind.min && n <= kind.max ? n : undefined
    }
    case 'boolean': {
      const lower = text.trim().toLowerCase()
      return TRUE.has(lower) ? true : FALSE.has(lower) ? false : undefined
    }
    case 'choice': {
      const lower = text.trim().toLowerCase()
      return kind.choices.includes(lower) ? lower : undefined
    }
    case 'string':
      return text.length >= (kind.minLength ?? 0) ? text : undefined
  }
}

export function expected (kind: SettingKind): string {
  switch (kind.type) {
    case 'integer': return `must be an integer from ${kind.min} to ${kind.max}`
    case 'boolean': return 'must be one of true, false, on, off, yes, no, 1, 0'
    case 'choice': return `must be one of ${kind.choices.join(', ')}`
    case 'string': return kind.minLength ? `must be at least ${kind.minLength} characters` : 'must be text'
  }
}
