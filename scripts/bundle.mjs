// Builds dist/scanstub.js, the CLI as one file: resolving and compiling some 700 module files was most
// of a cold start. Packages stay outside the bundle when they are native (better-sqlite3), serve files
// from their own folder (@fastify/swagger-ui), or are only loaded on first use (the OpenAPI document,
// cron schedules, time zone names, multipart bodies): parsing them on every start would cost more
// than loading them from node_modules the few times they are needed.
import { build } from 'esbuild'

await build({
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/scanstub.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  external: [
    'better-sqlite3',
    '@fastify/swagger-ui',
    '@fastify/swagger',
    'cron-parser',
    'tzdata',
    '@fastify/busboy'
  ]
})
