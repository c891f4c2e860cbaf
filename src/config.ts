import { Type, type Static } from '@sinclair/typebox'

/**
 * Every environment variable scanstub reads, with its default. The README's table is this schema.
 * Values arrive as strings; `Value.Convert` turns them into the declared types before checking.
 */
export const EnvSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080, description: 'TCP port; 0 picks a free one' }),
  HOST: Type.String({ minLength: 1, default: '0.0.0.0', description: 'address to bind' }),
  DATABASE: Type.String({ minLength: 1, default: './data/scanstub.db', description: 'SQLite file (folder created), or :memory:' }),
  JWT_SECRET: Type.Optional(Type.String({ minLength: 8, description: 'HS256 secret for vendor tokens; a fixed development secret when unset' })),
  JWT_PUBLIC_KEY: Type.Optional(Type.String({ minLength: 1, description: 'PEM public key: also accept RS256/ES256 tokens signed by it' })),
  LOG_LEVEL: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map(l => Type.Literal(l)), { default: 'info' }),
  SEED_FILE: Type.Optional(Type.String({ minLength: 1, description: 'fixture JSON every new tenant starts from (default: the demo fixture)' })),
  STRICT: Type.Union([Type.Literal('0'), Type.Literal('1')], { default: '0', description: '1: unknown body fields are a 400' }),
  ADMIN_TOKEN: Type.Optional(Type.String({ minLength: 1, description: 'when set, /__admin needs Authorization: Bearer <ADMIN_TOKEN>' })),
  ADMIN_API: Type.Union([Type.Literal('on'), Type.Literal('off')], { default: 'on', description: 'off removes /__admin entirely' }),
  JOURNAL_LIMIT: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 1000, description: 'requests kept in the journal per tenant (oldest dropped); unverified traffic keeps a tenth' }),
  JOURNAL_BYTES: Type.Integer({ minimum: 1024, maximum: 1_073_741_824, default: 4_194_304, description: 'bytes of journal kept per tenant (oldest dropped); unverified traffic keeps a tenth' }),
  FAULT_RULES_LIMIT: Type.Integer({ minimum: 1, maximum: 10_000, default: 100, description: 'fault rules kept per tenant' }),
  FAULT_RULE_BYTES: Type.Integer({ minimum: 1024, maximum: 1_048_576, default: 65_536, description: 'bytes of JSON one fault rule may hold' }),
  CORS_ORIGINS: Type.Optional(Type.String({ minLength: 1, description: 'comma-separated origins (or *) allowed to call from a browser; unset: no CORS' }))
})
export type Env = Static<typeof EnvSchema>

export const DEV_JWT_SECRET = 'scanstub-development-secret-do-not-use-in-production'

export interface Config {
  port: number
  host: string
  database: string
  jwtSecret: string
  /** true when JWT_SECRET was not set and the development secret is in use */
  jwtSecretIsDefault: boolean
  jwtPublicKey?: string
  logLevel: Env['LOG_LEVEL']
  seedFile?: string
  strict: boolean
  adminToken?: string
  adminApi: boolean
  journalLimit: number
  journalBytes: number
  faultRulesLimit: number
  faultRuleBytes: number
  /** origins allowed by CORS; empty: CORS off */
  corsOrigins: string[]
}

export class ConfigError extends Error {}

/** Reads and checks the environment; a bad value throws one line naming the variable. */
export function loadConfig (env: NodeJS.ProcessEnv = process.env): Config {
  const converted: Record<string, unknown> = {}
  for (const [key, schema] of Object.entries(EnvSchema.properties) as [string, EnvProperty][]) {
    const text = env[key]
    const value = text === undefined || text === '' ? schema.default : convert(schema, text)
    if (value === INVALID) throw new ConfigError(`scanstub: environment variable ${key}=${JSON.stringify(text)} is invalid: ${describe(schema)}`)
    if (value !== undefined) converted[key] = value
  }
  const e = converted as Env
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE,
    jwtSecret: e.JWT_SECRET ?? DEV_JWT_SECRET,
    jwtSecretIsDefault: e.JWT_SECRET === undefined,
    jwtPublicKey: e.JWT_PUBLIC_KEY,
    logLevel: e.LOG_LEVEL,
    seedFile: e.SEED_FILE,
    strict: e.STRICT === '1',
    adminToken: e.ADMIN_TOKEN,
    adminApi: e.ADMIN_API === 'on',
    journalLimit: e.JOURNAL_LIMIT,
    journalBytes: e.JOURNAL_BYTES,
    faultRulesLimit: e.FAULT_RULES_LIMIT,
    faultRuleBytes: e.FAULT_RULE_BYTES,
    corsOrigins: e.CORS_ORIGINS === undefined ? [] : e.CORS_ORIGINS.split(',').map(o => o.trim()).filter(o => o !== '')
  }
}

interface EnvProperty { type?: string, anyOf?: { const: string }[], minimum?: number, maximum?: number, minLength?: number, default?: unknown }
const INVALID = Symbol('invalid')

/** An environment string as the schema's type, or INVALID (the schema is small: integers, strings, choices). */
function convert (schema: EnvProperty, text: string): unknown {
  if (schema.anyOf) return schema.anyOf.some(s => s.const === text) ? text : INVALID
  if (schema.type === 'integer') {
    const n = /^\d+$/.test(text) ? Number(text) : NaN
    return Number.isInteger(n) && n >= (schema.minimum ?? -Infinity) && n <= (schema.maximum ?? Infinity) ? n : INVALID
  }
  return text.length >= (schema.minLength ?? 0) ? text : INVALID
}

function describe (schema: EnvProperty): string {
  if (schema.anyOf) return `must be one of ${schema.anyOf.map((s: { const: string }) => s.const).join(', ')}`
  if (schema.type === 'integer') return `must be an integer from ${schema.minimum} to ${schema.maximum}`
  if (schema.minLength) return `must be at least ${schema.minLength} characters`
  return 'has the wrong type'
}
