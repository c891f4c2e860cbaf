import { spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join, posix } from 'node:path'
import t from 'tap'
import { parse as parseYaml } from 'yaml'
import { packageRoot } from '../../src/paths'
import { tempDir } from '../helpers'
import { copyOf, envOf, execForm, parseDockerfile } from './dockerfile'

const DOCKERFILE = join(packageRoot, 'Dockerfile')
const instructions = parseDockerfile(DOCKERFILE)
const stages = [...new Set(instructions.map(i => i.stage))].filter(Boolean) // '' holds the ARGs before the first FROM
const finalStage = stages[stages.length - 1]
const of = (stage: string, keyword: string) => instructions.filter(i => i.stage === stage && i.keyword === keyword)

// the replay installs and builds from scratch (better-sqlite3 compiles from source): more than the
// suite's 120 s per file on a busy 2-core machine
t.setTimeout(900_000)

t.test('the Dockerfile: multi-stage, pinned slim LTS base, non-root, /data volume, healthcheck without curl', async t => {
  const froms = instructions.filter(i => i.keyword === 'FROM')
  t.same(stages, ['build', 'run'], 'a build stage and a run stage')
  const nodeVersion = /ARG NODE_VERSION=(\S+)/.exec(readFileSync(DOCKERFILE, 'utf8'))?.[1]
  t.match(nodeVersion, /^(22|24|26)\.\d+\.\d+$/, 'a current LTS, pinned to an exact version')
  for (const from of froms) t.match(from.args, /^node:\$\{NODE_VERSION\}-(bookworm|trixie)-slim AS \w+$/, 'slim base')
  t.ok(of('build', 'RUN').some(r => /npm ci\b/.test(r.args)), 'the build stage installs with dev dependencies')
  const install = of('build', 'RUN').find(r => /npm ci\b/.test(r.args))?.args ?? ''
  t.match(install, /^--mount=type=secret,id=npm_ca NODE_EXTRA_CA_CERTS=\/run\/secrets\/npm_ca npm ci /, 'a proxy\'s CA reaches npm ci as a build secret, for that step only')
  t.notOk(instructions.some(i => ['COPY', 'ADD'].includes(i.keyword) && /\.(crt|pem)\b/.test(i.args)), 'no CA bundle is copied into a layer')
  t.match(envOf(of('build', 'ENV').map(e => e.args).join(' ')), { npm_config_nodedir: '/usr/local', npm_config_build_from_source: 'true' }, 'native modules compile against the image\'s own Node headers')
  t.ok(of('build', 'RUN').some(r => /npm prune --omit=dev/.test(r.args)), 'and prunes them before the run stage takes node_modules')
  t.ok(of('run', 'COPY').some(c => c.args.startsWith('--from=build') && c.args.includes('node_modules')), 'run stage takes the pruned node_modules')
  t.notOk(of('run', 'RUN').some(r => /npm (ci|install)/.test(r.args)), 'nothing is installed in the run stage')
  t.same(of(finalStage, 'USER').map(u => u.args), ['node'], 'runs as the non-root node user')
  t.ok(of(finalStage, 'VOLUME').some(v => v.args.includes('/data')), '/data is a volume')
  t.match(envOf(of(finalStage, 'ENV').map(e => e.args).join(' ')), { DATABASE: '/data/scanstub.db', PORT: '8080', NODE_ENV: 'production' })
  t.same(of(finalStage, 'EXPOSE').map(e => e.args), ['8080'])
  const health = of(finalStage, 'HEALTHCHECK')[0]?.args ?? ''
  t.match(health, /CMD \["node", "dist\/src\/healthcheck\.js"\]/)
  t.notMatch(health, /curl|wget/)
  t.same(of(finalStage, 'STOPSIGNAL').map(s => s.args), ['SIGTERM'])
  t.same(execForm(of(finalStage, 'CMD')[0].args), ['node', 'dist/scanstub.js', 'serve'], 'node itself is the process (it handles SIGTERM)')
  const ignore = readFileSync(join(packageRoot, '.dockerignore'), 'utf8').split('\n')
  for (const entry of ['node_modules', 'dist', 'data', '.git', '*.db', 'test', 'bench']) t.ok(ignore.includes(entry), `.dockerignore has ${entry}`)
})

t.test('docker-compose.yml: port, named volume, every README variable, staging defaults, healthcheck, a client profile', async t => {
  const compose = parseYaml(readFileSync(join(packageRoot, 'docker-compose.yml'), 'utf8'))
  const stub = compose.services.scanstub
  t.same(stub.ports, ['${SCANSTUB_PORT:-8080}:8080'])
  t.same(stub.volumes, ['scanstub-data:/data'])
  t.ok('scanstub-data' in compose.volumes, 'a named volume')
  t.equal(stub.init, true, 'an init process reaps zombies and forwards signals')
  const readmeVars = [...readFileSync(join(packageRoot, 'README.md'), 'utf8').matchAll(/^\| `([A-Z_]+)` \|/gm)].map(m => m[1])
  t.ok(readmeVars.length >= 11, 'the README lists the variables')
  t.same(Object.keys(stub.environment).sort(), [...readmeVars].sort(), 'compose sets every variable the README lists')
  t.match(stub.environment.JWT_SECRET, /^\$\{JWT_SECRET:\?/, 'staging must be given a real secret')
  t.equal(stub.environment.ADMIN_API, '${ADMIN_API:-off}', 'no admin API on staging unless asked for')
  t.same(stub.healthcheck.test, ['CMD', 'node', 'dist/src/healthcheck.js'])
  const client = compose.services.client
  t.same(client.profiles, ['example'])
  t.same(client.depends_on, { scanstub: { condition: 'service_healthy' } })
  const nodeVersion = /ARG NODE_VERSION=(\S+)/.exec(readFileSync(DOCKERFILE, 'utf8'))?.[1]
  t.equal(client.image, `node:${nodeVersion}-bookworm-slim`, 'the client runs on the image\'s own pinned base')
  t.notOk('name' in compose, 'no top-level name: docker-compose 1.29, which npm run test:image runs, refuses it')
})

/** Replays the Dockerfile without Docker: each stage is a clean folder standing for its /app. */
t.test('from a clean copy of what the Dockerfile copies: install, build, start CMD, HEALTHCHECK passes', { timeout: 900_000 }, async t => {
  const root = tempDir(t)
  const dirs: Record<string, string> = {}
  const systemOnly = /apt-get|\/data\b/ // steps that prepare the image's system, not the app
  const replayed: string[] = []
  for (const stage of stages) {
    dirs[stage] = join(root, stage)
    mkdirSync(dirs[stage], { recursive: true })
    for (const step of instructions.filter(i => i.stage === stage)) {
      if (step.keyword === 'COPY') {
        const { from, sources, dest } = copyOf(step.args)
        for (const source of sources) {
          const src = from ? join(dirs[from], posix.relative('/app', source)) : join(packageRoot, source)
          t.ok(existsSync(src), `COPY source ${source} exists`)
          const target = dest.endsWith('/') || dest === '.' || dest === './' ? join(dirs[stage], posix.basename(source)) : join(dirs[stage], dest)
          cpSync(src, target, { recursive: true })
        }
      } else if (step.keyword === 'RUN' && !systemOnly.test(step.args)) {
        const command = step.args.replace(/^(--mount=\S+ )+/, '') // a build secret: absent here, as in a build without it
        replayed.push(command)
        const res = spawnSync('bash', ['-c', command], { cwd: dirs[stage], encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 600_000 })
        t.equal(res.status, 0, `RUN ${step.args}`)
        if (res.status !== 0) { t.comment(res.stdout.slice(-2000) + res.stderr.slice(-2000)); return }
      }
    }
  }
  t.match(replayed, [/npm ci --no-audit --no-fund$/, /^npm run build && npm prune --omit=dev && /], 'the app steps, all replayed')
  t.equal(replayed.length, 2, 'and no other')
  const run = dirs[finalStage]
  t.notOk(existsSync(join(run, 'node_modules', 'tap')), 'no dev dependency in the run stage')
  t.notOk(existsSync(join(run, 'src')), 'no sources in the run stage')
  const sqlite = join(run, 'node_modules', 'better-sqlite3')
  t.ok(existsSync(join(sqlite, 'build', 'Release', 'better_sqlite3.node')), 'better-sqlite3\'s compiled module is kept')
  for (const leftover of ['deps', 'src', 'build/Release/obj', 'build/Release/obj.target', 'build/Release/sqlite3.a']) t.notOk(existsSync(join(sqlite, leftover)), `nor its compile leftover ${leftover}`)
  t.ok(existsSync(join(run, 'dist', 'scanstub.bundle.cache')), 'the launcher\'s code cache, made by the build, is in the run stage')

  const env = { ...envOf(of(finalStage, 'ENV').map(e => e.args).join(' ')), PATH: process.env.PATH ?? '', PORT: '18765', HOST: '127.0.0.1', DATABASE: join(root, 'data', 'scanstub.db'), LOG_LEVEL: 'warn' }
  const health = execForm(/CMD (\[.*\])/.exec(of(finalStage, 'HEALTHCHECK')[0].args)![1])
  const healthcheck = () => spawnSync(health[0], health.slice(1), { cwd: run, env, encoding: 'utf8', timeout: 10_000 }).status
  t.equal(healthcheck(), 1, 'the healthcheck fails while nothing listens')

  const cmd = execForm(of(finalStage, 'CMD')[0].args)
  const server = spawn(cmd[0], cmd.slice(1), { cwd: run, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  server.stdout.on('data', d => { output += d })
  server.stderr.on('data', d => { output += d })
  t.teardown(() => { server.kill('SIGKILL') })
  let healthy = false
  for (let i = 0; i < 100 && !healthy; i++) {
    await new Promise(resolve => setTimeout(resolve, 200))
    healthy = healthcheck() === 0
  }
  t.ok(healthy, `the HEALTHCHECK command passes against the started CMD ${healthy ? '' : output}`)
  const exited = new Promise(resolve => server.once('exit', code => resolve(code)))
  server.kill('SIGTERM')
  t.equal(await exited, 0, 'SIGTERM stops it cleanly')
})
