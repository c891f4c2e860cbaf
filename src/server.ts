import type { FastifyInstance } from 'fastify'
import { buildApp } from './app'
import { checkExposure, type Config, ConfigError } from './config'
import { StoreError } from './store/db'
import { FixtureError } from './store/fixtures'

export interface StartServerOptions {
  /** told the base URL as soon as the port is bound, before any log line (the CLI prints it first) */
  announce?: (url: string) => void
  /** told each warning about an unsafe start (ALLOW_INSECURE), besides the log */
  warn?: (line: string) => void
}

/** Builds the app and listens; resolves with the app and the base URL it answers on. */
export async function startServer (config: Config, options: StartServerOptions = {}): Promise<{ app: FastifyInstance, url: string }> {
  const warnings = checkExposure(config)
  const app = await buildApp(config)
  const urlOf = () => {
    const address = app.server.address()
    const port = typeof address === 'object' && address ? address.port : config.port
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host
    return `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  }
  let announced = false
  try {
    // Fastify logs "Server listening" from inside listen(); its text resolver runs just before, so the
    // URL announced there comes out ahead of every log line on the same stdout
    await app.listen({
      port: config.port,
      host: config.host,
      listenTextResolver: address => {
        if (!announced) { announced = true; options.announce?.(urlOf()) }
        return `Server listening at ${address}`
      }
    })
  } catch (err) {
    await app.close()
    throw listenError(err, config)
  }
  const url = urlOf()
  app.log.info({ url }, `scanstub listening on ${url}`)
  if (config.jwtSecretIsDefault) app.log.warn('JWT_SECRET is not set: using the fixed development secret; do not expose this server')
  for (const warning of warnings) { app.log.warn(warning); options.warn?.(warning) }
  return { app, url }
}

/** An address this machine cannot bind is the HOST setting's fault: say so, as the user gave it. */
function listenError (err: unknown, config: Config): unknown {
  const e = err as NodeJS.ErrnoException
  const host = config.origins.HOST ?? `HOST="${config.host}" (the default)`
  if (e?.code === 'ENOTFOUND' || e?.code === 'EAI_AGAIN' || e?.code === 'EAI_NONAME') return new ConfigError(`scanstub: ${host} is not an address of this machine: the name does not resolve (${e.code})`)
  if (e?.code === 'EADDRINUSE') return new ConfigError(`scanstub: ${config.origins.PORT ?? `PORT=${config.port} (the default)`}: the port is in use on ${config.host}`)
  if (e?.code === 'EADDRNOTAVAIL') return new ConfigError(`scanstub: ${host} is not an address of this machine (EADDRNOTAVAIL)`)
  return err
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
