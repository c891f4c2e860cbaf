import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

export const Health = Type.Object({ status: Type.String(), database: Type.String() })

/** A write probe at most this often (by default); answers in between reuse the last verdict. */
export const PROBE_EVERY_MS = 1000

/**
 * Liveness and readiness that do not lie: 200 only while the database takes a write (a one-row probe,
 * committed like every write) and its file is still the one the server opened; 503 with the reason
 * when the disk is full, the file is read-only, deleted or replaced under the server.
 */
export function healthHandler (app: FastifyInstance, probeEveryMs = PROBE_EVERY_MS) {
  const { db } = app.store
  const path = app.config.database === ':memory:' ? undefined : resolve(app.config.database)
  const identity = (p: string) => { const s = statSync(p); return `${s.dev}:${s.ino}` }
  const opened = path ? identity(path) : undefined
  const ping = db.prepare('SELECT 1')
  const probe = db.prepare<[string]>('INSERT INTO health_probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at')
  let last: { at: number, problem: string | undefined } | undefined

  const check = async (): Promise<string | undefined> => {
    if (path) {
      let now: string
      try { now = identity(path) } catch { return `the database file ${path} was deleted under the server` }
      if (now !== opened) return `the database file ${path} was replaced under the server`
    }
    try { ping.get() } catch (err) { return (err as Error).message }
    if (last && Date.now() - last.at < probeEveryMs) return last.problem
    let problem: string | undefined
    try {
      await app.store.write(() => probe.run(new Date().toISOString()))
    } catch (err) {
      problem = `the database cannot take a write: ${(err as Error).message}`
    }
    last = { at: Date.now(), problem }
    return problem
  }

  return async (_request: FastifyRequest, reply: FastifyReply) => {
    const problem = await check()
    return problem === undefined ? { status: 'ok', database: 'ok' } : reply.code(503).send({ status: 'unavailable', database: problem })
  }
}

const healthRoutes: FastifyPluginAsyncTypebox<{ probeEveryMs?: number }> = async (app, options) => {
  app.get('/health', {
    schema: { tags: ['health'], summary: 'Liveness and readiness (no auth): 503 with the reason when the database cannot take a write', response: { 200: Health, 503: Health } }
  }, healthHandler(app, options.probeEveryMs))
}

export default healthRoutes
