import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { ALICE } from '../helpers'
import { canonical, normalise } from './normalise'

/** A request of the corpus, as cases.py wrote it. */
export interface Step {
  method: string
  path: string
  headers: Record<string, string | null>
  body?: string
  bodyBase64?: string
  bodyRepeat?: [string, string, number, string]
}
export interface Answer { status: number, contentType: string | null, allow: string | null, bodyKind: 'json' | 'text', body: unknown }
export interface GoldenCase { id: string, tags: string[], steps: Step[], answers: Answer[] }

const GOLDEN = join(__dirname, 'golden')

export function goldenCases (): GoldenCase[] {
  return readdirSync(GOLDEN).filter(f => f.endsWith('.json')).sort()
    .flatMap(f => (JSON.parse(readFileSync(join(GOLDEN, f), 'utf8')) as { cases: GoldenCase[] }).cases)
}

function payloadOf (step: Step): Buffer | undefined {
  if (step.bodyRepeat) {
    const [prefix, unit, count, suffix] = step.bodyRepeat
    return Buffer.from(prefix + unit.repeat(count) + suffix)
  }
  if (step.bodyBase64 !== undefined) return Buffer.from(step.bodyBase64, 'base64')
  // cases.py encodes with 'surrogatepass': a lone surrogate is sent as its three bytes (WTF-8)
  return step.body === undefined ? undefined : Buffer.from(step.body, 'utf8')
}

/** Sends a case's requests to scanstub in a tenant of its own (a fresh copy of the demo fixture). */
export async function replay (app: FastifyInstance, c: GoldenCase, tenant: string): Promise<Answer[]> {
  const token = app.mintToken({ ...ALICE, tenant })
  const answers: Answer[] = []
  for (const step of c.steps) {
    const headers: Record<string, string> = { authorization: `JWT ${token}` }
    for (const [name, value] of Object.entries(step.headers)) {
      if (value === null) delete headers[name.toLowerCase()]
      else headers[name.toLowerCase()] = value
    }
    const res = await app.inject({ method: step.method as InjectOptions['method'], url: step.path, headers, payload: payloadOf(step) })
    let body: unknown = res.body
    let bodyKind: Answer['bodyKind'] = 'text'
    try {
      body = res.body === '' ? null : normalise(JSON.parse(res.body))
      bodyKind = 'json'
    } catch {}
    const header = (name: string) => { const v = res.headers[name]; return v === undefined ? null : String(v) }
    answers.push({ status: res.statusCode, contentType: header('content-type'), allow: header('allow'), bodyKind, body })
  }
  return answers
}

export const sameBody = (a: Answer, b: Answer) => a.bodyKind === b.bodyKind && canonical(a.body) === canonical(b.body)
