import { readdirSync, readFileSync } from 'node:fs'
import { METHODS } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
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

/**
 * A method Node's HTTP parser does not know (FOO) cannot be injected: it goes over a real socket on
 * 127.0.0.1, as a client would send it (the app listens on a free port for it, once).
 */
async function overTheWire (app: FastifyInstance, method: string, url: string, headers: Record<string, string>):
Promise<{ statusCode: number, headers: Record<string, string>, body: string }> {
  if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as AddressInfo
  const raw = await new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let received = ''
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer in 5 s')))
    socket.on('data', chunk => { received += chunk.toString('utf8') })
    socket.on('end', () => resolve(received))
    socket.on('error', reject)
    socket.write(`${method} ${url} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`)
  })
  const [head, ...rest] = raw.split('\r\n\r\n')
  const [statusLine, ...lines] = head.split('\r\n')
  return {
    statusCode: Number(statusLine.split(' ')[1]),
    headers: Object.fromEntries(lines.map(l => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()])),
    body: rest.join('\r\n\r\n')
  }
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
    const res = METHODS.includes(step.method)
      ? await app.inject({ method: step.method as InjectOptions['method'], url: step.path, headers, payload: payloadOf(step) })
      : await overTheWire(app, step.method, step.path, headers)
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
