import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { packageRoot } from '../src/paths'
import { checkInstalled, consumerProject, localPrebuildEnv, npm } from './package-consumer'
import { tempDir } from './helpers'

// npm pack and install take minutes on a busy machine
t.setTimeout(15 * 60_000)

const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'))

t.test('the tarball holds only what runs', async t => {
  // --ignore-scripts: pack the dist/ this checkout built (prepare would rebuild it under the other tests)
  const res = npm(['pack', '--dry-run', '--json', '--ignore-scripts'], packageRoot)
  t.equal(res.status, 0, res.stderr)
  const [info] = JSON.parse(res.stdout)
  const files: string[] = info.files.map((f: { path: string }) => f.path)
  for (const needed of ['package.json', 'README.md', 'LICENSE', 'dist/scanstub.js', 'dist/scanstub.bundle.js', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/healthcheck.js', 'migrations/001_init.sql', 'fixtures/demo.json']) {
    t.ok(files.includes(needed), `ships ${needed}`)
  }
  for (const file of files) {
    t.match(file, /^(package\.json|README\.md|LICENSE|dist\/scanstub(\.bundle)?\.js|dist\/src\/.+\.(js|d\.ts)|migrations\/([^/]+\/)?[^/]+\.sql|fixtures\/demo\.json)$/, `${file} is something that runs`)
  }
  t.notOk(files.some(f => f.endsWith('.map') || f.includes('.cache') || f.startsWith('test/') || f.startsWith('bench/') || f.startsWith('src/')), 'no source maps, code cache, tests, bench or sources')
  // the compiled tree and the CLI bundle of two vendors' workflows; a stray folder (tests, maps, cache) would add MBs
  t.ok(info.unpackedSize < 4_000_000, `${info.unpackedSize} bytes unpacked, ${files.length} files`)
})

t.test('package.json is ready to publish', async t => {
  t.notOk('private' in pkg)
  t.match(pkg, { license: 'MIT', repository: { type: 'git', url: /^git\+https:\/\/github\.com\// }, keywords: Array, bin: { scanstub: 'dist/scanstub.js' } })
  t.same(pkg.exports['.'], { types: './dist/src/index.d.ts', default: './dist/src/index.js' })
  t.equal(pkg.engines.node, '>=22')
  t.ok(pkg.dependencies['@types/better-sqlite3'], 'the shipped .d.ts import better-sqlite3\'s types: a dependency, not a dev one')
  t.match(pkg.scripts.prepare, /npm run build/)
})

t.test('npm install ./scanstub-x.y.z.tgz: startScanstub() and npx scanstub serve work; the types check', { skip: !existsSync(join(packageRoot, 'dist', 'scanstub.bundle.js')) && 'run npm run build first' }, async t => {
  const dir = tempDir(t)
  const packed = npm(['pack', '--ignore-scripts', '--pack-destination', dir], packageRoot)
  t.equal(packed.status, 0, packed.stderr)
  const tarball = join(dir, `${pkg.name}-${pkg.version}.tgz`)
  t.ok(existsSync(tarball), tarball)
  const project = consumerProject(dir)
  const installed = npm(['install', tarball], project, localPrebuildEnv(dir))
  t.equal(installed.status, 0, `${installed.error ?? ''} ${installed.stderr.slice(-3000)}`)
  await checkInstalled(t, project)
})
