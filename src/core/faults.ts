import { randomUUID } from 'node:crypto'
import { Type, type Static } from '@sinclair/typebox'
import { globToRegExp } from './glob'
import { TenantName } from './tenant-name'

/** A fault rule as the admin API and the in-process entry take it. */
export const FaultRuleInput = Type.Object({
  method: Type.Optional(Type.String({ pattern: '^[A-Za-z]+$' })),
  path: Type.String({ minLength: 1, description: 'path glob, e.g. /api/v1/scans/* or /targets/**' }),
  tenant: Type.Optional(TenantName),
  status: Type.Optional(Type.Integer({ minimum: 100, maximum: 599 })),
  body: Type.Optional(Type.Unknown({ description: "answer body; default: the vendor's error shape for status" })),
  delayMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 60_000 })),
  reset: Type.Optional(Type.Boolean({ description: 'drop the connection' })),
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

interface LiveRule { rule: FaultRule, path: RegExp, random: () => number, expiresAt: number }

/** Fault rules of one app, matched by method, path glob and tenant, first match wins. */
export class Faults {
  private rules: LiveRule[] = []

  add (input: FaultRuleInput, now = Date.now()): FaultRule {
    const rule: FaultRule = {
      ...input,
      id: randomUUID(),
      tenant: input.tenant ?? 'default',
      method: input.method?.toUpperCase(),
      createdAt: new Date(now).toISOString(),
      expiresAt: input.ttlMs === undefined ? undefined : new Date(now + input.ttlMs).toISOString(),
      hits: 0
    }
    this.rules.push({
      rule,
      path: globToRegExp(input.path),
      random: seededRandom(input.seed ?? Math.floor(Math.random() * 2 ** 32)),
      expiresAt: input.ttlMs === undefined ? Infinity : now + input.ttlMs
    })
    return rule
  }

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

  /**
   * The rule that fires for this request, if any; counts the hit and retires a rule used up. The caller
   * waits `delayMs`, then drops the connection (`reset`), answers `status`, or carries on.
   */
  match (method: string, path: string, tenant: string, now = Date.now()): FaultRule | undefined {
    this.expire(now)
    for (const live of this.rules) {
      const { rule } = live
      if (rule.tenant !== tenant || (rule.method !== undefined && rule.method !== method) || !live.path.test(path)) continue
      if (rule.probability !== undefined && live.random() >= rule.probability) continue
      rule.hits++
      if (rule.times !== undefined && rule.hits >= rule.times) this.rules = this.rules.filter(r => r !== live)
      return rule
    }
    return undefined
  }

  private expire (now: number): void {
    if (this.rules.some(r => r.expiresAt <= now)) this.rules = this.rules.filter(r => r.expiresAt > now)
  }
}
