import { randomUUID } from 'node:crypto'
import { globToRegExp } from './glob'

export interface FaultRuleInput {
  method?: string
  path: string
  tenant?: string
  status?: number
  body?: unknown
  delayMs?: number
  reset?: boolean
  times?: number
  probability?: number
  seed?: number
  ttlMs?: number
}

export interface FaultRule extends FaultRuleInput {
  id: string
  tenant: string
  createdAt: string
  expiresAt?: string
  /** how many times it has fired */
  hits: number
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
