import type { FastifyInstance } from 'fastify'
import { buildApp } from './app'
import { type Config, ConfigError } from './config'
import { StoreError } from './store/db'
import { FixtureError } from './store/fixtures'

/** Builds the app and listens; resolves with the app and the base URL it answers on. */
export async function startServer (config: Config): Promise<{ app: FastifyInstance, url: string }> {
  const app = await buildApp(config)
  await app.listen({ port: config.port, host: config.host })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  app.log.info({ url }, `scanstub listening on ${url}`)
  if (config.jwtSecretIsDefault) app.log.warn('JWT_SECRET is not set: using the fixed development secret; do not expose this server')
  return { app, url }
}

/** How long a stop waits for requests in flight before it cuts the connections still open. */
export const STOP_GRACE_MS = 10_000

/**
 * SIGTERM/SIGINT: stop accepting, finish what is in flight, close the database, exit 0. A client that
 * stalls (a body that never completes) is cut after STOP_GRACE_MS, so a stop always ends.
 */
export function closeOnSignals (app: FastifyInstance, graceMs = STOP_GRACE_MS): void {
  let closing = false
  const stop = (signal: NodeJS.Signals) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'scanstub stopping')
    setTimeout(() => {
      app.log.warn('scanstub: stop grace period over, cutting the connections still open')
      app.server.closeAllConnections()
    }, graceMs).unref()
    app.close().then(() => process.exit(0), err => {
      app.log.error({ err }, 'scanstub failed to stop cleanly')
      process.exit(1)
    })
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}

/** Errors a user can fix (bad env, unusable database, bad fixture) are one line, not a stack. */
export function explainStartError (err: unknown): string {
  if (err instanceof ConfigError || err instanceof StoreError || err instanceof FixtureError) return err.message
  const e = err as NodeJS.ErrnoException
  if (e?.code === 'EADDRINUSE') return `scanstub: cannot listen: ${e.message}`
  if (e?.code === 'EACCES') return `scanstub: cannot listen: ${e.message}`
  return `scanstub: failed to start: ${e?.stack ?? String(err)}`
}
