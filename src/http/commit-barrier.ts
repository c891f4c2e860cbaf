import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'

declare module 'fastify' {
  interface FastifyRequest {
    /** the first write batch this request's reads may have seen (see GroupCommit.mark) */
    readMark: number
  }
}

/** What the barrier needs of the store: the group commit's marks. */
export interface CommitMarks {
  readMark: () => number
  committedSince: (mark: number) => boolean | Promise<boolean>
}

/** The 503 to answer instead, in the shape of whoever owns the path (a vendor, the admin API). */
export type UnavailableAnswer = (request: FastifyRequest) => { body: unknown, contentType: string }

/** Paths that answer no stored value (health says itself when writes fail) */
const EXEMPT = /^\/(health|metrics|openapi\.json|docs)(\/|$|\?)/

/**
 * No answer carries a value before its COMMIT succeeded. Reads share SQLite's one connection with the
 * open write batch, so a GET during a batch sees its uncommitted writes: its answer waits for that
 * batch's COMMIT (a turn of the event loop, only while a batch is open), and when a batch the request
 * may have read from failed (a full disk, say), the answer becomes a 503 in the path owner's shape,
 * with Retry-After. A write's answer is rendered inside its own write, so it is sent once that write
 * committed; only its failure (a 5xx) becomes the 503 (refusing a write that did commit would have a
 * client retry a POST that landed). The usual case (no batch open, none failed) makes no promise.
 */
async function commitBarrier (app: FastifyInstance, options: { marks: CommitMarks, unavailable: UnavailableAnswer }) {
  const { marks, unavailable } = options
  app.decorateRequest('readMark', 0)
  app.addHook('onRequest', (request, _reply, done) => {
    request.readMark = marks.readMark()
    done()
  })

  const refuse = (request: FastifyRequest, reply: FastifyReply): string => {
    const { body, contentType } = unavailable(request)
    reply.code(503).header('retry-after', '1').type(contentType)
    request.log.warn({ url: request.url }, 'an answer was refused: a write batch it may have read from was rolled back')
    return JSON.stringify(body)
  }

  app.addHook('onSend', (request, reply, payload, done) => {
    const read = request.method === 'GET' || request.method === 'HEAD'
    if ((!read && reply.statusCode < 500) || request.method === 'OPTIONS' || EXEMPT.test(request.url)) return done(null, payload)
    const settled = marks.committedSince(request.readMark)
    if (settled === true) return done(null, payload)
    if (settled === false) return done(null, refuse(request, reply))
    settled.then(ok => done(null, ok ? payload : refuse(request, reply)), done)
  })
}

export default fp(commitBarrier, { name: 'scanstub-commit-barrier' })
