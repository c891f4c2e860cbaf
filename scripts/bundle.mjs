// Builds the `scanstub` command: dist/scanstub.bundle.js, the CLI as one file (resolving and compiling
// some 700 module files was most of a cold start); dist/scanstub.js, the launcher that runs it from a
// V8 code cache (src/launcher.ts); and that cache, made by scripts/code-cache.mjs. Packages stay outside
// the bundle when they are native (better-sqlite3), serve files from their own folder
// (@fastify/swagger-ui), or are only loaded on first use (the OpenAPI document, time
// zone names, multipart bodies): parsing them on every start would cost more than loading them from
// node_modules the few times they are needed.
import { rmSync } from 'node:fs'
import { build } from 'esbuild'
import { writeCodeCache } from './code-cache.mjs'

const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning' }
rmSync('dist/scanstub.bundle.cache', { force: true })
await build({
  ...common,
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/scanstub.bundle.js',
  sourcemap: true,
  external: [
    'better-sqlite3',
    '@fastify/swagger-ui',
    '@fastify/swagger',
    'tzdata',
    '@fastify/busboy'
  ]
})
await build({ ...common, entryPoints: ['src/launcher.ts'], outfile: 'dist/scanstub.js' })
rmSync('dist/scanstub.js.map', { force: true }) // left by the builds before the launcher
await writeCodeCache('dist/scanstub.js', 'dist/scanstub.bundle.cache')
