import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Test } from 'tap'
import { packageRoot } from '../src/paths'

/**
 * A throwaway project under the OS temp folder that installs scanstub as a user would, and the checks
 * that it works from there: startScanstub() from CommonJS and ESM, `npx scanstub serve`, and the types
 * under module nodenext and bundler with skipLibCheck false.
 */

const NPM_TIMEOUT = 18 * 60_000

/**
 * better-sqlite3 fetches a prebuilt binary from GitHub at install, or compiles for minutes: this machine
 * has no way out to GitHub. prebuild-install first looks in a local folder: the binary this checkout
 * already built goes there, as the tarball a download would have been.
 */
export function localPrebuildEnv (dir: string): Record<string, string> {
  const version = require(join(packageRoot, 'node_modules', 'better-sqlite3', 'package.json')).version
  const folder = join(dir, 'prebuilds')
  mkdirSync(folder, { recursive: true })
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`
  const tar = spawnSync('tar', ['czf', join(folder, name), '-C', join(packageRoot, 'node_modules', 'better-sqlite3'), 'build/Release/better_sqlite3.node'], { encoding: 'utf8' })
  if (tar.status !== 0) throw new Error(`tar: ${tar.stderr}`)
  return { npm_config_better_sqlite3_local_prebuilds: folder }
}

export function npm (args: string[], cwd: string, env: Record<string, string> = {}) {
  // npm_* variables of the `npm test` running this would steer the nested npm: left out
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_') && !k.startsWith('TAP')))
  return spawnSync('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline'], { cwd, env: { ...base, ...env }, encoding: 'utf8', timeout: NPM_TIMEOUT })
}

/** The consumer project: empty but for a package.json that lets better-sqlite3 run its install script. */
export function consumerProject (dir: string): string {
  const project = join(dir, 'consumer')
  mkdirSync(project, { recursive: true })
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, allowScripts: { 'better-sqlite3': true } }, null, 2))
  return project
}

const CJS_USE = `const { startScanstub } = require('scanstub')
startScanstub().then(async stub => {
  const token = stub.token({ sub: 'u', email: 'u@example.com', name: 'U', tenant: 'cjs' })
  const res = await fetch(stub.url + '/api/v1/scans', { headers: { authorization: 'Bearer ' + token } })
  console.log(res.status, (await res.json()).data.length)
  await stub.close()
})
`
const ESM_USE = `import { startScanstub } from 'scanstub'
const stub = await startScanstub()
const res = await fetch(stub.url + '/targets/', { headers: { authorization: 'JWT ' + stub.token() } })
console.log(res.status, (await res.json()).count)
await stub.close()
`
const TYPED_USE = `import { startScanstub, type Scanstub, type StartOptions } from 'scanstub'
const options: StartOptions = { strict: true, logLevel: 'silent' }
export async function use (): Promise<string> {
  const stub: Scanstub = await startScanstub(options)
  const url: string = stub.url
  stub.reset('default')
  await stub.close()
  return url
}
`
const TYPED_CJS_USE = `import scanstub = require('scanstub')
export async function use (): Promise<string> {
  const stub: scanstub.Scanstub = await scanstub.startScanstub({ database: ':memory:' })
  await stub.close()
  return stub.url
}
`

/** Runs the installed package the ways a user would, and type-checks code using it. */
export async function checkInstalled (t: Test, project: string): Promise<void> {
  writeFileSync(join(project, 'use.cjs'), CJS_USE)
  writeFileSync(join(project, 'use.mjs'), ESM_USE)
  const cjs = spawnSync(process.execPath, ['use.cjs'], { cwd: project, encoding: 'utf8', timeout: 30_000 })
  t.equal(cjs.stdout, '200 3\n', `CommonJS require: ${cjs.stderr}`)
  const esm = spawnSync(process.execPath, ['use.mjs'], { cwd: project, encoding: 'utf8', timeout: 30_000 })
  t.equal(esm.stdout, '200 2\n', `ESM import: ${esm.stderr}`)

  await checkServe(t, project)

  const tsc = join(packageRoot, 'node_modules', 'typescript', 'bin', 'tsc')
  const configs: [string, string, object][] = [
    ['nodenext-esm', 'use.mts', { module: 'nodenext', moduleResolution: 'nodenext' }],
    ['nodenext-cjs', 'use.cts', { module: 'nodenext', moduleResolution: 'nodenext' }],
    ['bundler', 'use.ts', { module: 'esnext', moduleResolution: 'bundler' }]
  ]
  for (const [name, file, options] of configs) {
    const folder = join(project, name)
    mkdirSync(folder, { recursive: true })
    writeFileSync(join(folder, file), file === 'use.cts' ? TYPED_CJS_USE : TYPED_USE)
    writeFileSync(join(folder, 'tsconfig.json'), JSON.stringify({ compilerOptions: { ...options, target: 'ES2022', strict: true, noEmit: true, skipLibCheck: false }, files: [file] }))
    const res = spawnSync(process.execPath, [tsc, '-p', folder], { cwd: project, encoding: 'utf8', timeout: 120_000 })
    t.equal(res.status, 0, `types under ${name} with skipLibCheck false: ${res.stdout}${res.stderr}`)
  }
}

/** `npx scanstub serve` from the consumer: the URL first, /health 200, nothing written in the project. */
async function checkServe (t: Test, project: string): Promise<void> {
  const before = readdirSync(project).sort()
  const child = spawn(join(project, 'node_modules', '.bin', 'scanstub'), ['serve', '--port', '0'], { cwd: project, env: { PATH: process.env.PATH, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] })
  t.teardown(() => { child.kill('SIGKILL') })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`no URL from npx scanstub serve: ${out}`)), 30_000)
    child.stdout.on('data', d => {
      out += d
      if (out.includes('\n')) { clearTimeout(timer); resolve(out.slice(0, out.indexOf('\n'))) }
    })
  })
  t.match(url, /^http:\/\/127\.0\.0\.1:\d+$/, 'the URL alone on the first line')
  t.equal((await fetch(`${url}/health`)).status, 200)
  const stopped = new Promise(resolve => child.on('exit', code => resolve(code)))
  child.kill('SIGTERM')
  t.equal(await stopped, 0)
  t.same(readdirSync(project).sort(), before, 'no ./data made in the project')
  t.notOk(existsSync(join(project, 'data')))
}
