#!/usr/bin/env node
// Node 22+ keeps compiled bytecode between starts (in the OS temp folder): most of a cold start is
// compiling modules. Older Node has no such cache and skips this.
;(require('node:module') as { enableCompileCache?: () => unknown }).enableCompileCache?.()
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createTokenSigner } from './auth/signer'
import { lifetimeSeconds } from './core/duration'
import { type Config, loadConfig, SETTINGS, type SettingName } from './config'
import { packageRoot } from './paths'
import type { Setting } from './settings'
import { openDatabase } from './store/db'
import { VENDORS } from './vendors/index'
import { closeOnSignals, explainStartError, startServer } from './server'

type Flags = Record<string, string | undefined>

/** the settings each command reads from its flags (serve: all of them) */
const TOKEN_SETTINGS: SettingName[] = ['JWT_SECRET', 'JWT_PUBLIC_KEY']
const MIGRATE_SETTINGS: SettingName[] = ['DATABASE']

function settingsOf (names?: SettingName[]): readonly Setting[] {
  return (SETTINGS as readonly Setting[]).filter(s => names === undefined || names.includes(s.env as SettingName))
}

function optionLines (settings: readonly Setting[]): string {
  const rows = settings.map(s => [`--${s.flag}${s.arg ? ` ${s.arg}` : ''}`, s.env, `${s.description} (default ${s.shown})`])
  rows.push(['--config FILE', '', 'JSON object of settings by variable name, e.g. {"PORT": 8080, "STRICT": true}'])
  const w0 = Math.max(...rows.map(r => r[0].length)) + 2
  const w1 = Math.max(...rows.map(r => r[1].length)) + 2
  return rows.map(([flag, env, text]) => `  ${flag.padEnd(w0)}${env.padEnd(w1)}${text}`).join('\n')
}

const SOURCES = `Each setting is a flag or an environment variable (the second column) or a key of the --config
file; flags win over the environment, the environment over the file. Booleans take true/false,
on/off, yes/no or 1/0 (--strict alone is on, --no-strict off); levels and booleans ignore case.`

const HELP = {
  main: `scanstub: a stateful emulator of the Neostra and Probely APIs

Usage: scanstub <command> [options]

Commands:
  serve     start the server (the default)
  token     print a JWT that the server configured by the same settings accepts
  migrate   apply the database migrations and exit

Options:
  --version  print the version and exit
  --help     this text; 'scanstub <command> --help' for a command's options`,
  serve: () => `Usage: scanstub serve [options]

Prints the base URL it listens on alone on the first line of stdout, then pino's JSON log lines.
The store is in memory, so nothing is kept and no file is made, unless --db FILE (or DATABASE)
names a SQLite file.

${optionLines(settingsOf())}

${SOURCES}`,
  token: () => `Usage: scanstub token [--sub ID] [--email E] [--name N] [--tenant T] [--expires-in 1h] [options]

Prints an HS256 JWT signed with JWT_SECRET (or the development secret when unset).
  --sub ID          user id (default "scanstub-user")
  --email E         email (default "user@scanstub.example.com")
  --name N          name (default "scanstub user")
  --tenant T        data namespace (default: none, i.e. "default")
  --expires-in D    lifetime such as 3600 (seconds), 15m, 12h; default: no expiry

${optionLines(settingsOf(TOKEN_SETTINGS))}`,
  migrate: () => `Usage: scanstub migrate [--db FILE] [--config FILE]

Applies the numbered SQL files in migrations/ that the database has not recorded yet, then exits.

${optionLines(settingsOf(MIGRATE_SETTINGS))}`
}

/**
 * Parses a command's flags: its own, the settings' and --config. A boolean setting is `--strict`,
 * `--no-strict` or `--strict=VALUE` (any spelling the settings accept); parseArgs takes them all as text.
 */
function parse (args: string[], settings: readonly Setting[], own: string[] = []): { flags: Flags, settings: Partial<Record<SettingName, string>>, file?: string } {
  const booleans = new Set(settings.filter(s => s.kind.type === 'boolean').map(s => s.flag))
  const rewritten = args.map(arg => {
    if (arg.startsWith('--no-') && booleans.has(arg.slice(5))) return `--${arg.slice(5)}=false`
    return arg.startsWith('--') && booleans.has(arg.slice(2)) ? `${arg}=true` : arg
  })
  const options: Record<string, { type: 'string' | 'boolean' }> = { help: { type: 'boolean' }, config: { type: 'string' } }
  for (const name of [...own, ...settings.map(s => s.flag)]) options[name] = { type: 'string' }
  const flags = parseArgs({ args: rewritten, options, strict: true }).values as Flags
  const given: Partial<Record<SettingName, string>> = {}
  for (const s of settings) if (flags[s.flag] !== undefined) given[s.env as SettingName] = flags[s.flag]
  return { flags, settings: given, file: flags.config }
}

function configOf (parsed: ReturnType<typeof parse>): Config {
  return loadConfig(process.env, { flags: parsed.settings, file: parsed.file })
}

/** --expires-in through the one lifetime parser the admin API uses (a lifetime under a second is refused). */
export function expiresInMs (text: string): number {
  const seconds = lifetimeSeconds(text)
  if (seconds === undefined) throw new Error(`scanstub: --expires-in must be at least one second, as seconds or a number with s, m, h or d (got ${JSON.stringify(text)})`)
  return seconds * 1000
}

function version (): string {
  return (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version
}

async function main (argv: string[]): Promise<void> {
  if (argv[0] === '--version' || argv[0] === '-v') { process.stdout.write(`${version()}\n`); return }
  if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') { process.stdout.write(HELP.main + '\n'); return }
  const command = argv[0] && !argv[0].startsWith('-') ? argv[0] : 'serve'
  const rest = argv[0] === command ? argv.slice(1) : argv
  switch (command) {
    case 'serve': {
      const parsed = parse(rest, settingsOf())
      if (parsed.flags.help) { process.stdout.write(HELP.serve() + '\n'); return }
      const { app } = await startServer(configOf(parsed), {
        announce: url => process.stdout.write(`${url}\n`),
        warn: line => process.stderr.write(`scanstub: ${line}\n`)
      })
      closeOnSignals(app)
      return
    }
    case 'token': {
      const parsed = parse(rest, settingsOf(TOKEN_SETTINGS), ['sub', 'email', 'name', 'tenant', 'expires-in'])
      const flags = parsed.flags
      if (flags.help) { process.stdout.write(HELP.token() + '\n'); return }
      const config = configOf(parsed)
      if (config.jwtSecretIsRandom) throw new Error('scanstub: JWT_PUBLIC_KEY is set without JWT_SECRET, so the server accepts no HS256 token this command could sign: set JWT_SECRET (or --jwt-secret) as the server has it')
      const claims: Record<string, string> = {
        sub: flags.sub ?? 'scanstub-user',
        email: flags.email ?? 'user@scanstub.example.com',
        name: flags.name ?? 'scanstub user'
      }
      if (flags.tenant !== undefined) claims.tenant = flags.tenant
      const expiresIn = flags['expires-in'] !== undefined ? expiresInMs(flags['expires-in']) / 1000 : undefined
      // the app's own signer (app.mintToken), without building the app
      process.stdout.write(createTokenSigner(config.jwtSecret)(claims, expiresIn) + '\n')
      return
    }
    case 'migrate': {
      const parsed = parse(rest, settingsOf(MIGRATE_SETTINGS))
      if (parsed.flags.help) { process.stdout.write(HELP.migrate() + '\n'); return }
      const config = configOf(parsed)
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
    const message = typeof err?.code === 'string' && err.code.startsWith('ERR_PARSE_ARGS_')
      ? `scanstub: ${err.message}`
      : err instanceof Error && err.message.startsWith('scanstub:') ? err.message : explainStartError(err)
    process.stderr.write(message + '\n')
    process.exit(1)
  })
}
