import { randomUUID } from 'node:crypto'
import { Type, type Static } from '@sinclair/typebox'
import Ajv, { type ValidateFunction } from 'ajv'
import { compileGlob, type GlobMatcher } from './glob'
import { TenantName } from './tenant-name'
import { containsJson } from './json-subset'

/** Every tenant: a rule with `tenant: "*"` fires for any tenant's request. */
export const ANY_TENANT = '*'

const Latency = Type.Union([
  Type.Object({ uniform: Type.Object({ min: Type.Integer({ minimum: 0, maximum: 60_000 }), max: Type.Integer({ minimum: 0, maximum: 60_000 }) }, { additionalProperties: false }) }, { additionalProperties: false }),
  Type.Object({ lognormal: Type.Object({ median: Type.Number({ exclusiveMinimum: 0, maximum: 60_000 }), sigma: Type.Number({ minimum: 0, maximum: 4 }) }, { additionalProperties: false }) }, { additionalProperties: false })
], { description: 'a delay drawn per request: uniform {min,max} or lognormal {median,sigma} (ms)' })

/** What a rule does to a request it matches. */
const answerFields = {
  status: Type.Optional(Type.Integer({ minimum: 100, maximum: 599 })),
  body: Type.Optional(Type.Unknown({ description: "answer body; default: the vendor's error shape for status" })),
  headers: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z0-9!#$%&\'*+.^_`|~-]+$' }), Type.String({ maxLength: 8192 }), { description: 'answer headers; 429 and 503 default Retry-After: 1' })),
  delayMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 60_000 })),
  latency: Type.Optional(Latency),
  reset: Type.Optional(Type.Boolean({ description: 'drop the connection' })),
  kind: Type.Optional(Type.Union([Type.Literal('empty'), Type.Literal('malformed'), Type.Literal('truncated')], { description: 'empty body, JSON that does not parse, or the answer cut halfway' })),
  dribbleMs: Type.Optional(Type.Integer({ minimum: 1, maximum: 60_000, description: 'send the answer slowly, spread over this long' }))
}
export const FaultAnswer = Type.Object(answerFields, { additionalProperties: false })
export type FaultAnswer = Static<typeof FaultAnswer>

/** A fault rule as the admin API and the in-process entry take it. */
export const FaultRuleInput = Type.Object({
  method: Type.Optional(Type.String({ pattern: '^[A-Za-z]+$' })),
  path: Type.String({ minLength: 1, maxLength: 2048, description: 'path glob, e.g. /api/v1/scans/* or /targets/**' }),
  tenant: Type.Optional(Type.Union([TenantName, Type.Literal(ANY_TENANT)], { description: 'default: ?tenant= of the call, else "default"; "*" = every tenant' })),
  requestQuery: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'query parameters that must have exactly these values' })),
  requestHeaders: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'headers (any case) that must have exactly these values' })),
  requestBody: Type.Optional(Type.Unknown({ description: 'a JSON subset the request body must contain (extra fields ignored)' })),
  ...answerFields,
  sequence: Type.Optional(Type.Array(FaultAnswer, { minItems: 1, maxItems: 100, description: 'one answer per matching request in turn ({} = the real answer), then the rule is spent' })),
  times: Type.Optional(Type.Integer({ minimum: 1, description: 'fire this many times, then retire (default: until deleted)' })),
  probability: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
  seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295, description: 'makes probability repeatable' })),
  ttlMs: Type.Optional(Type.Integer({ minimum: 1, description: 'the rule expires after this long' }))
}, { additionalProperties: false })
export type FaultRuleInput = Static<typeof FaultRuleInput>

export const FaultRule = Type.Object({
  ...FaultRuleInput.properties,
  id: Type.String(),
  tenant: Type.String(),
  createdAt: Type.String(),
  expiresAt: Type.Optional(Type.String()),
  hits: Type.Integer({ description: 'how many times it has fired' })
})
export type FaultRule = Static<typeof FaultRule>

// compiled once: the same wording as the admin API's other validation errors (ajv's)
/**
 * Compiled on the first rule checked, not when the module loads: compiling it (and ajv's meta-schema,
 * which checks it) was about 6% of a start's CPU (--cpu-prof of a cold start), for a feature most runs never use.
 */
let shapeValidator: ValidateFunction<FaultRuleInput> | undefined
const validateShape = () => (shapeValidator ??= new Ajv({ allErrors: true, coerceTypes: false, strict: false, validateSchema: false }).compile<FaultRuleInput>(FaultRuleInput))

/** A rule refused: every problem, in words. */
export class FaultRuleError extends Error {
  constructor (readonly problems: string[]) { super(problems.join('; ')) }
}

export interface FaultLimits {
  /** rules kept per tenant (and for "*") */
  rulesPerTenant: number
  /** bytes of JSON a rule may hold (bodies, matchers) */
  ruleBytes: number
}

/**
 * The one validation of a fault rule, for the admin API and the in-process entry alike: the schema,
 * then the rules across fields. Throws FaultRuleError naming every problem.
 */
export function checkFaultRule (input: unknown, limits: FaultLimits): FaultRuleInput {
  const problems: string[] = []
  const validate = validateShape()
  if (!validate(input)) {
    for (const e of validate.errors ?? []) {
      const extra = e.keyword === 'additionalProperties' ? `: "${(e.params as { additionalProperty: string }).additionalProperty}"` : ''
      const line = `body${e.instancePath} ${e.message}${extra}`
      if (!problems.includes(line)) problems.push(line)
      if (problems.length >= 10) break
    }
    throw new FaultRuleError(problems)
  }
  const rule = input
  const answers = rule.sequence ?? [rule]
  if (rule.sequence !== undefined && Object.keys(answerFields).some(k => (rule as Record<string, unknown>)[k] !== undefined)) {
    problems.push('sequence holds the answers: no answer field beside it')
  }
  if (rule.sequence === undefined && !answers.some(a => a.status !== undefined || a.delayMs !== undefined || a.latency !== undefined || a.reset || a.kind !== undefined || a.dribbleMs !== undefined)) {
    problems.push('a fault rule needs one of status, delayMs, latency, reset: true, kind, dribbleMs or sequence')
  }
  answers.forEach((a, i) => {
    const at = rule.sequence === undefined ? '' : `sequence[${i}]: `
    if (a.reset && (a.status !== undefined || a.kind !== undefined || a.dribbleMs !== undefined)) problems.push(`${at}a fault rule cannot both reset the connection and answer`)
    if (a.delayMs !== undefined && a.latency !== undefined) problems.push(`${at}delayMs or latency, not both`)
    if (a.latency && 'uniform' in a.latency && a.latency.uniform.min > a.latency.uniform.max) problems.push(`${at}latency.uniform: min is above max`)
    if ((a.body !== undefined || a.headers !== undefined) && a.status === undefined) problems.push(`${at}body and headers go with status`)
  })
  if (rule.seed !== undefined && rule.probability === undefined) problems.push('seed goes with probability')
  if (JSON.stringify(rule).length > limits.ruleBytes) problems.push(`a fault rule is at most ${limits.ruleBytes} bytes of JSON`)
  if (problems.length > 0) throw new FaultRuleError(problems)
  return rule
}

/** mulberry32: a small seeded generator, so a rule with a seed fires on the same requests every run. */
function seededRandom (seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** What a request brings to the matcher. */
export interface FaultRequest {
  method: string
  path: string
  tenant: string
  query: Record<string, unknown>
  headers: Record<string, unknown>
  /** the parsed body; only asked for when a rule matches on it (the body is read after onRequest) */
  body?: unknown
}

/** A rule that fired and the answer it chose (a sequence's answer of the turn). */
export interface FiredFault { rule: FaultRule, answer: FaultAnswer, delayMs: number }

interface LiveRule { rule: FaultRule, path: GlobMatcher, random: () => number, expiresAt: number }

const isDelayOnly = (a: FaultAnswer) => a.status === undefined && !a.reset && a.kind === undefined && a.dribbleMs === undefined

/** Fault rules of one app, per tenant (and "*"), matched in the order they were added. */
export class Faults {
  private rules: LiveRule[] = []

  constructor (private readonly limits: FaultLimits = { rulesPerTenant: 100, ruleBytes: 256 * 1024 }) {}

  /** Checks and adds a rule; `defaultTenant` is the tenant of the call (`?tenant=`) when the rule names none. */
  add (input: unknown, defaultTenant = 'default', now = Date.now()): FaultRule {
    const checked = checkFaultRule(input, this.limits)
    const tenant = checked.tenant ?? defaultTenant
    if (this.rules.filter(r => r.rule.tenant === tenant).length >= this.limits.rulesPerTenant) {
      throw new FaultRuleError([`tenant ${tenant} has ${this.limits.rulesPerTenant} fault rules already: delete some first`])
    }
    const rule: FaultRule = {
      ...checked,
      id: randomUUID(),
      tenant,
      method: checked.method?.toUpperCase(),
      createdAt: new Date(now).toISOString(),
      expiresAt: checked.ttlMs === undefined ? undefined : new Date(now + checked.ttlMs).toISOString(),
      hits: 0
    }
    for (const k of Object.keys(rule) as (keyof FaultRule)[]) if (rule[k] === undefined) delete rule[k]
    this.rules.push({
      rule,
      path: compileGlob(checked.path),
      random: seededRandom(checked.seed ?? Math.floor(Math.random() * 2 ** 32)),
      expiresAt: checked.ttlMs === undefined ? Infinity : now + checked.ttlMs
    })
    return rule
  }

  /** A tenant's rules; `*` lists the rules for every tenant. */
  list (tenant: string, now = Date.now()): FaultRule[] {
    this.expire(now)
    return this.rules.filter(r => r.rule.tenant === tenant).map(r => r.rule)
  }

  remove (tenant: string, id?: string): number {
    const before = this.rules.length
    this.rules = this.rules.filter(r => r.rule.tenant !== tenant || (id !== undefined && r.rule.id !== id))
    return before - this.rules.length
  }

  clear (): void { this.rules = [] }

  get empty (): boolean { return this.rules.length === 0 }

  /** Whether some live rule of this tenant matches on the body (then the body is read before matching). */
  needsBody (tenant: string): boolean {
    return this.rules.some(r => r.rule.requestBody !== undefined && (r.rule.tenant === tenant || r.rule.tenant === ANY_TENANT))
  }

  /**
   * The rules that fire for this request: delays (delay-only rules carry on to the next rule) summed,
   * then the first rule that answers. Counts each hit and retires a rule used up.
   */
  match (request: FaultRequest, now = Date.now()): FiredFault | undefined {
    this.expire(now)
    let delayMs = 0
    let delayRule: FiredFault | undefined
    for (const live of [...this.rules]) {
      if (!this.matches(live, request)) continue
      const { rule } = live
      if (rule.probability !== undefined && live.random() >= rule.probability) continue
      const answer = rule.sequence ? rule.sequence[rule.hits] : rule
      rule.hits++
      const limit = rule.sequence ? Math.min(rule.sequence.length, rule.times ?? Infinity) : rule.times
      if (limit !== undefined && rule.hits >= limit) this.rules = this.rules.filter(r => r !== live)
      delayMs += this.delayOf(answer, live.random)
      if (isDelayOnly(answer) && !rule.sequence) { delayRule ??= { rule, answer, delayMs: 0 }; continue }
      return { rule, answer, delayMs }
    }
    return delayRule && { ...delayRule, delayMs }
  }

  private matches (live: LiveRule, r: FaultRequest): boolean {
    const { rule } = live
    if (rule.tenant !== r.tenant && rule.tenant !== ANY_TENANT) return false
    if (rule.method !== undefined && rule.method !== r.method) return false
    if (!live.path(r.path)) return false
    if (rule.requestQuery && !Object.entries(rule.requestQuery).every(([k, v]) => r.query[k] === v)) return false
    if (rule.requestHeaders && !Object.entries(rule.requestHeaders).every(([k, v]) => r.headers[k.toLowerCase()] === v)) return false
    if (rule.requestBody !== undefined && !containsJson(r.body, rule.requestBody)) return false
    return true
  }

  private delayOf (answer: FaultAnswer, random: () => number): number {
    if (answer.delayMs) return answer.delayMs
    const l = answer.latency
    if (!l) return 0
    if ('uniform' in l) return Math.round(l.uniform.min + random() * (l.uniform.max - l.uniform.min))
    // Box-Muller: a normal draw, then e^(ln median + sigma z); capped so one draw cannot stall a test for minutes
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
    return Math.min(60_000, Math.round(l.lognormal.median * Math.exp(l.lognormal.sigma * z)))
  }

  private expire (now: number): void {
    if (this.rules.some(r => r.expiresAt <= now)) this.rules = this.rules.filter(r => r.expiresAt > now)
  }
}
