#!/usr/bin/env node
// Node 22+ keeps compiled bytecode between starts (in the OS temp folder): most of a cold start is
// compiling modules. Older Node has no such cache and skips this.
;(require('node:module') as { enableCompileCache?: () => unknown }).enableCompileCache?.()
import { parseArgs } from 'node:util'
import { createSigner } from 'fast-jwt'
import { type Config, loadConfig } from './config'
import { openDatabase } from './store/db'
import { VENDORS } from './vendors/index'
import { closeOnSignals, explainStartError, startServer } from './server'

const HELP: Record<string, string> = {
  main: `scanstub: a stateful emulator of the Neostra and Probely APIs

Usage: scanstub <command> [options]

Commands:
  serve     start the server (the default)
  token     print a JWT that the server configured by the same environment accepts
  migrate   apply the database migrations and exit

Run 'scanstub <command> --help' for a command's options. Settings come from the
environment (PORT, HOST, DATABASE, JWT_SECRET, ...: see the README); flags override them.`,
  serve: `Usage: scanstub serve [--port N] [--host ADDR] [--db FILE] [--seed FILE]

  --port N      TCP port (env PORT, default 8080; 0 picks a free port)
  --host ADDR   address to bind (env HOST, default 0.0.0.0)
  --db FILE     SQLite file or :memory: (env DATABASE, default ./data/scanstub.db)
  --seed FILE   fixture every new tenant starts from (env SEED_FILE, default the demo data)

Prints the base URL it listens on as its first line of output.`,
  token: `Usage: scanstub token [--sub ID] [--email E] [--name N] [--tenant T] [--expires-in 1h]

Prints an HS256 JWT signed with JWT_SECRET (or the development secret when unset).
  --sub ID          user id (default "scanstub-user")
  --email E         email (default "user@scanstub.local")
  --name N          name (default "scanstub user")
  --tenant T        data namespace (default: none, i.e. "default")
  --expires-in D    lifetime such as 3600 (seconds), 15m, 12h; default: no expiry`,
  migrate: `Usage: scanstub migrate [--db FILE]

Applies the numbered SQL files in migrations/ that the database has not recorded yet, then exits.`
}

type Flags = Record<string, string | boolean | undefined>

function parse (args: string[], options: Record<string, { type: 'string' | 'boolean' }>): Flags {
  return parseArgs({ args, options: { ...options, help: { type: 'boolean' } }, strict: true }).values as Flags
}

function configWith (flags: Flags): Config {
  const env = { ...process.env }
  if (typeof flags.port === 'string') env.PORT = flags.port
  if (typeof flags.host === 'string') env.HOST = flags.host
  if (typeof flags.db === 'string') env.DATABASE = flags.db
  if (typeof flags.seed === 'string') env.SEED_FILE = flags.seed
  return loadConfig(env)
}

/** Lifetimes as @fastify/jwt takes them: seconds, or a number with s/m/h/d. */
export function expiresInMs (text: string): number {
  const m = /^(\d+)(s|m|h|d)?$/.exec(text.trim())
  if (!m) throw new Error(`scanstub: --expires-in must be seconds or a number with s, m, h or d (got ${JSON.stringify(text)})`)
  return Number(m[1]) * ({ s: 1, m: 60, h: 3600, d: 86400 }[(m[2] ?? 's') as 's'] * 1000)
}

async function main (argv: string[]): Promise<void> {
  const command = argv[0] && !argv[0].startsWith('-') ? argv[0] : 'serve'
  const rest = argv[0] === command ? argv.slice(1) : argv
  if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') { process.stdout.write(HELP.main + '\n'); return }
  switch (command) {
    case 'serve': {
      const flags = parse(rest, { port: { type: 'string' }, host: { type: 'string' }, db: { type: 'string' }, seed: { type: 'string' } })
      if (flags.help) { process.stdout.write(HELP.serve + '\n'); return }
      const { app, url } = await startServer(configWith(flags))
      process.stdout.write(`${url}\n`)
      closeOnSignals(app)
      return
    }
    case 'token': {
      const flags = parse(rest, { sub: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, tenant: { type: 'string' }, 'expires-in': { type: 'string' } })
      if (flags.help) { process.stdout.write(HELP.token + '\n'); return }
      const config = configWith({})
      const claims: Record<string, string> = {
        sub: (flags.sub as string) ?? 'scanstub-user',
        email: (flags.email as string) ?? 'user@scanstub.local',
        name: (flags.name as string) ?? 'scanstub user'
      }
      if (typeof flags.tenant === 'string') claims.tenant = flags.tenant
      const expiresIn = typeof flags['expires-in'] === 'string' ? expiresInMs(flags['expires-in']) : undefined
      const sign = createSigner({ key: config.jwtSecret, algorithm: 'HS256', ...(expiresIn ? { expiresIn } : {}) })
      process.stdout.write(sign(claims) + '\n')
      return
    }
    case 'migrate': {
      const flags = parse(rest, { db: { type: 'string' } })
      if (flags.help) { process.stdout.write(HELP.migrate + '\n'); return }
      const config = configWith(flags)
      const db = openDatabase(config.database, VENDORS) // opening applies what is missing
      const recorded = db.prepare('SELECT name FROM schema_migrations ORDER BY version').pluck().all()
      db.close()
      process.stdout.write(`${config.database}: migrations applied: ${recorded.join(', ')}\n`)
      return
    }
    default:
      throw new Error(`scanstub: unknown command ${JSON.stringify(command)}; try 'scanstub --help'`)
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch(err => {
    const message = err?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || err?.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
      ? `scanstub: ${err.message}`
      : err instanceof Error && err.message.startsWith('scanstub:') ? err.message : explainStartError(err)
    process.stderr.write(message + '\n')
    process.exit(1)
  })
}
