import { spawnSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import Module from 'node:module'
import { join } from 'node:path'
import { Script } from 'node:vm'
import t from 'tap'
import { packageRoot } from '../src/paths'

// dist/scanstub.js runs dist/scanstub.bundle.js from the V8 code cache the build made (src/launcher.ts)
const dist = join(packageRoot, 'dist')
const bundle = readFileSync(join(dist, 'scanstub.bundle.js'))
const digest = createHash('sha256').update(bundle).digest()
const cache = readFileSync(join(dist, 'scanstub.bundle.cache'))

t.test('the build\'s code cache is of its bundle, and this V8 takes it', async t => {
  t.ok(cache.subarray(0, 32).equals(digest), 'it starts with the bundle\'s SHA-256')
  const script = new Script(Module.wrap(bundle.toString('utf8').replace(/^#!.*/, '')), { filename: join(dist, 'scanstub.bundle.js'), cachedData: cache.subarray(32) })
  t.equal(script.cachedDataRejected, false)
})

t.test('without a usable cache the command still runs, compiling the bundle as usual', async t => {
  // a folder inside the package, so the bundle finds node_modules, migrations and fixtures as in dist/
  const dir = mkdtempSync(join(packageRoot, '.launcher-test-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  copyFileSync(join(dist, 'scanstub.js'), join(dir, 'scanstub.js'))
  copyFileSync(join(dist, 'scanstub.bundle.js'), join(dir, 'scanstub.bundle.js'))
  const cases: [string, Buffer | undefined][] = [
    ['no cache', undefined],
    ['the cache of another bundle', Buffer.concat([randomBytes(32), cache.subarray(32)])],
    ['a cache V8 refuses', Buffer.concat([digest, randomBytes(4096)])],
    ['the right cache', cache]
  ]
  for (const [name, data] of cases) {
    rmSync(join(dir, 'scanstub.bundle.cache'), { force: true })
    if (data) writeFileSync(join(dir, 'scanstub.bundle.cache'), data)
    const res = spawnSync(process.execPath, [join(dir, 'scanstub.js'), 'token', '--sub', 'u-1'], { encoding: 'utf8', env: { ...process.env, JWT_SECRET: 'launcher-test-secret' }, timeout: 30_000 })
    t.equal(res.status, 0, `${name}: ${res.stderr}`)
    t.match(res.stdout, /^[\w-]+\.[\w-]+\.[\w-]+\n$/, `${name}: a token`)
    t.equal(res.stderr, '', `${name}: nothing on stderr`)
  }
})
